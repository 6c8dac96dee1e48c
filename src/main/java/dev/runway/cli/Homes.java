package dev.runway.cli;

import java.nio.file.Path;

/** Where state lives: {@code --home}, else {@code $RUNWAY_HOME}, else {@code ~/.runway}. */
final class Homes {

    private Homes() {}

    static Path resolve(Path given) {
        if (given != null) return given.toAbsolutePath();
        String env = System.getenv("RUNWAY_HOME");
        if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath();
        return Path.of(System.getProperty("user.home"), ".runway");
    }
}
