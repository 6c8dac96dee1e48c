package dev.runway.cli;

/** Whether to draw a live view: a real terminal, not dumb, and NO_COLOR unset. */
final class Terminal {

    private Terminal() {}

    static boolean interactive() {
        if (System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM"))) return false;
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            // JDK 22+ returns a Console even when redirected; isTerminal() tells the truth there.
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
