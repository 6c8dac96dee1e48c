package dev.runway.cli;

/** The exit codes DESIGN.md promises to scripts and CI. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID = 2;
    public static final int ROLLED_BACK = 3;
    public static final int WAITING = 4;

    private ExitCodes() {}
}
