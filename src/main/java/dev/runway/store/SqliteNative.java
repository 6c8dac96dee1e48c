package dev.runway.store;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.core.NativeDB;

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
        // The driver's own loader holds this lock while it loads; holding it too means the
        // driver either loaded before (and is left alone) or loads after, from the cache.
        synchronized (SQLiteJDBCLoader.class) {
            LoadedFlags flags = LoadedFlags.find();
            if (flags == null || flags.driverLoaded()) return;
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
                System.load(lib.toString());
                flags.markLoaded();
            } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
                // Fall back to the driver's own extraction; slower, never wrong.
            }
        }
    }

    /**
     * The driver's loader, even when pointed at a library, first reads its own version from a
     * resource (which opens and indexes the whole jar) and lists the temp directory to clean up
     * after older versions: most of a {@code runway status}. Loading the cached library here and
     * marking the driver loaded skips both.
     *
     * <p>Its "loaded" flags also say whether the driver has loaded a library already (a program
     * that opened a {@code jdbc:sqlite:} connection of its own first). A second copy of the
     * library in one JVM must never be loaded: the JVM may then bind some of the driver's native
     * methods to one copy and some to the other, and the second copy's SQLite, never initialized,
     * calls through null mutex functions on the first one's handles. If the fields ever change,
     * nothing here loads anything and the driver loads the library the usual way.
     */
    private record LoadedFlags(Field succeededFlag, Field loadedFlag, Field extractedFlag) {

        static LoadedFlags find() {
            try {
                Field succeeded = NativeDB.class.getDeclaredField("loadSucceeded");
                Field loaded = NativeDB.class.getDeclaredField("isLoaded");
                Field extracted = SQLiteJDBCLoader.class.getDeclaredField("extracted");
                succeeded.setAccessible(true);
                loaded.setAccessible(true);
                extracted.setAccessible(true);
                return new LoadedFlags(succeeded, loaded, extracted);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        /**
         * The driver sets {@code isLoaded} only after its loader returns and lets go of the lock
         * held here; {@code extracted} it sets inside, so a load just finished on another thread
         * is seen too.
         */
        boolean driverLoaded() {
            try {
                return loadedFlag.getBoolean(null) || extractedFlag.getBoolean(null);
            } catch (IllegalAccessException e) {
                return true;
            }
        }

        void markLoaded() {
            try {
                succeededFlag.setBoolean(null, true);
                loadedFlag.setBoolean(null, true);
            } catch (IllegalAccessException e) {
                // the driver loads the same cached library again, which the JVM does not repeat
            }
        }
    }

    private static Path cacheHome() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    }
}
