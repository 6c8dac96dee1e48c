package dev.runway.cli;

/** Invalid input or usage: printed to stderr, exit code 2. */
public final class UsageError extends RuntimeException {
    public UsageError(String message) {
        super(message);
    }
}
