package dev.runway.store;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * sqlite-jdbc unpacks its native library into the temp directory on every start. Unpacking it
 * once into a per-version cache directory and pointing the driver there saves that cost on
 * each CLI call (it matters for {@code runway status}).
 */
final class SqliteNative {

    /**
     * The sqlite-jdbc version whose library is cached (a test keeps it equal to the dependency's).
     * Asking the driver's package or its pom.properties instead would open and index the whole
     * jar, some 10,000 entries, on every call.
     */
    static final String DRIVER_VERSION = "3.54.1.0";

    private SqliteNative() {}

    static void prepare() {
        if (System.getProperty("org.sqlite.lib.path") != null) return;
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) return;
        String resource = "/org/sqlite/native/Linux/" + (arch.equals("aarch64") ? "aarch64" : "x86_64") + "/libsqlitejdbc.so";
        Path dir = cacheHome().resolve("runway").resolve("sqlite-" + DRIVER_VERSION + "-" + arch);
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
            preload(lib);
        } catch (IOException | RuntimeException e) {
            // Fall back to the driver's own extraction; slower, never wrong.
        }
    }

    /**
     * The driver's loader, even when pointed at a library, first reads its own version from a
     * resource (which opens and indexes the whole jar) and lists the temp directory to clean up
     * after older versions: most of a {@code runway status}. Loading the cached library here and
     * marking the driver loaded skips both. If the driver's fields ever change, nothing is marked
     * and it loads the same library the usual way.
     */
    private static void preload(Path lib) {
        try {
            System.load(lib.toString());
            Class<?> nativeDb = org.sqlite.core.NativeDB.class;
            Field succeeded = nativeDb.getDeclaredField("loadSucceeded");
            Field loaded = nativeDb.getDeclaredField("isLoaded");
            succeeded.setAccessible(true);
            loaded.setAccessible(true);
            succeeded.setBoolean(null, true);
            loaded.setBoolean(null, true);
        } catch (ReflectiveOperationException | RuntimeException | UnsatisfiedLinkError e) {
            // the driver loads it itself
        }
    }

    private static Path cacheHome() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    }
}
