package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
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
}
