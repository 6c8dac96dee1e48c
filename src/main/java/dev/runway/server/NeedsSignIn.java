package dev.runway.server;

/** A page was asked for without a valid session: the browser is sent to sign in, then back to {@code path}. */
final class NeedsSignIn extends RuntimeException {

    private final String path;

    NeedsSignIn(String path) {
        super(null, null, false, false);
        this.path = path;
    }

    String path() {
        return path;
    }
}
