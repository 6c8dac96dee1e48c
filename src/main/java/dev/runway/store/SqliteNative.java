package dev.runway.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * sqlite-jdbc unpacks its native library into the temp directory on every start. Unpacking it
 * once into a per-version cache directory and pointing the driver there saves that cost on
 * each CLI call (it matters for {@code runway status}).
 */
final class SqliteNative {

    private SqliteNative() {}

    static void prepare() {
        if (System.getProperty("org.sqlite.lib.path") != null) return;
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) return;
        String resource = "/org/sqlite/native/Linux/" + (arch.equals("aarch64") ? "aarch64" : "x86_64") + "/libsqlitejdbc.so";
        String version = org.sqlite.SQLiteJDBCLoader.class.getPackage().getImplementationVersion();
        Path dir = cacheHome().resolve("runway").resolve("sqlite-" + (version == null ? "dev" : version) + "-" + arch);
        Path lib = dir.resolve("libsqlitejdbc.so");
        try {
            if (!Files.exists(lib)) {
                try (InputStream in = SqliteNative.class.getResourceAsStream(resource)) {
                    if (in == null) return;
                    Files.createDirectories(dir);
                    Path tmp = Files.createTempFile(dir, "lib", ".tmp");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", "libsqlitejdbc.so");
        } catch (IOException | RuntimeException e) {
            // Fall back to the driver's own extraction; slower, never wrong.
        }
    }

    private static Path cacheHome() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    }
}
