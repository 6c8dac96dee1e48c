package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SqliteNativeTest {

    @Test
    void the_cached_library_is_named_after_the_sqlite_jdbc_version_on_the_class_path() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream("/META-INF/maven/org.xerial/sqlite-jdbc/pom.properties")) {
            pom.load(in);
        }
        assertThat(SqliteNative.DRIVER_VERSION).isEqualTo(pom.getProperty("version"));
    }

    /**
     * A JVM that loaded the driver's own copy of the library (a plain {@code jdbc:sqlite:}
     * connection, as the tests' tamper helpers open) must not load Runway's cached copy as well:
     * with two copies the driver's native methods bind to either, and the uninitialized one
     * crashed the JVM through a null mutex function (CI, TokenAuditIT after GatesIT).
     */
    @ParameterizedTest
    @ValueSource(strings = {"driver-first", "runway-first"})
    void one_process_maps_one_copy_of_the_sqlite_library_whoever_opens_the_database_first(String order, @TempDir Path tmp)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LibraryCopiesChild.class.getName(), order, tmp.resolve("home").toString())
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).as("the child's output").isEqualTo("1\n");
        assertThat(child.exitValue()).isZero();
    }
}
