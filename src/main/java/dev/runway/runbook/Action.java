package dev.runway.runbook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a step does. A closed set: the engine handles every kind with an exhaustive switch, so
 * a new kind cannot be forgotten anywhere it matters. Texts keep their {@code {var}}
 * placeholders; binding happens in the plan.
 */
public sealed interface Action {

    /** The name {@code plan} prints: shell, check, manual, gate, wait, http, observe. */
    String kind();

    /**
     * Whether the step runs something, with attempts a retry policy repeats and output that is
     * kept; a person or the clock settles the others (a gate, a task, a timer).
     */
    default boolean runs() {
        return switch (this) {
            case Shell s -> true;
            case Check c -> true;
            case Http h -> true;
            case Observe o -> true;
            case Gate g -> false;
            case Manual m -> false;
            case Wait w -> false;
        };
    }

    /**
     * Commands from fenced {@code bash}/{@code sh}/{@code shell} blocks, joined in order, run
     * with {@code bash -eo pipefail}. {@code expected} is the block after "Expected output", or
     * null.
     */
    record Shell(String script, int scriptLine, Expectation expected) implements Action {
        public String kind() { return "shell"; }
    }

    /** A task-list item with an inline {@code `command`}: the command's exit code decides. */
    record Check(String text, String command) implements Action {
        public String kind() { return "check"; }
    }

    /** Something only a person can do or confirm; {@code details} are its sub-bullets. */
    record Manual(String text, List<String> details) implements Action {
        public String kind() { return "manual"; }
    }

    /** An approval gate; {@code policy} names the front matter {@code approvals} entry. */
    record Gate(String policy, String text) implements Action {
        public String kind() { return "gate"; }
    }

    /** A durable timed pause, stored as a deadline. */
    record Wait(Duration duration) implements Action {
        public String kind() { return "wait"; }
    }

    /**
     * An HTTP request and what the response must satisfy. {@code severity} is "critical",
     * "major" or null (smoke-test tables set it).
     */
    record Http(String method, String url, Map<String, String> headers, String body,
                HttpExpectation expect, String severity) implements Action {
        public String kind() { return "http"; }
    }

    /** Watch monitors and rules for a window (verification, a later issue). */
    record Observe(Duration window, List<String> rules) implements Action {
        public String kind() { return "observe"; }
    }

    /** Expected status, JSON field values by dotted path, latency bound, body substring. */
    record HttpExpectation(int status, Map<String, String> json, Duration within, String contains) {}
}
