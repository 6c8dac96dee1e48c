package dev.runway.server;

import java.nio.file.Path;

/**
 * How a server listens and where it finds runbooks.
 *
 * @param port         0 picks a free port ({@link RunwayServer#port()} tells which)
 * @param maxBodyBytes larger request bodies are refused with 413 before they are parsed
 */
public record Settings(String host, int port, Path runbooks, long maxBodyBytes) {

    public static final long DEFAULT_MAX_BODY = 64 * 1024;

    public Settings {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        if (maxBodyBytes < 1) throw new IllegalArgumentException("the body limit must be positive");
    }
}
