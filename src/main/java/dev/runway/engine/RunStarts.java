package dev.runway.engine;

import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.plan.Plan;
import dev.runway.runbook.Runbook;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;

/**
 * How a run begins, the same from the CLI and the server: its id, the name and environment
 * that form its lock, and the {@code run.started} event that keeps the exact runbook text and
 * variables it runs with.
 */
public final class RunStarts {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long ID_SUFFIXES = 36L * 36 * 36 * 36 * 36 * 36;

    private RunStarts() {}

    /** Sortable by start time and short enough to type: {@code 20261122-013102-k3f9}. */
    public static String newRunId(Clock clock) {
        // Six uniform base-36 digits (2.2 billion a second). The first digits of a random long in
        // base 36 were nearly constant, and four of them collided within minutes of a server
        // starting thirty runs a second (bench/api-latency.sh), failing the start.
        String suffix = Long.toString(RANDOM.nextLong(ID_SUFFIXES), 36);
        return ID_TIME.format(clock.instant()) + "-" + "0".repeat(6 - suffix.length()) + suffix;
    }

    /** The front matter's name, else the title, else the file name without its extension. */
    public static String runbookName(Runbook rb) {
        if (rb.front().name() != null && !rb.front().name().isBlank()) return rb.front().name();
        if (rb.title() != null && !rb.title().isBlank()) return rb.title();
        return Path.of(rb.file()).getFileName().toString().replaceFirst("\\.[^.]+$", "");
    }

    public static String environmentOf(Runbook rb) {
        String env = rb.front().environment();
        return env == null || env.isBlank() ? "default" : env;
    }

    /** Two releases of the same thing never run at once: one lock per runbook name and environment. */
    public static String lockKey(RunStarted started) {
        return lockKey(started.runbook(), started.environment());
    }

    public static String lockKey(String runbook, String environment) {
        return runbook + "@" + environment;
    }

    /** @param runbook parsed with its absolute file name, so steps run in its directory on resume too */
    public static RunStarted event(Runbook runbook, Plan plan, String initiator, Map<String, String> options) {
        return new RunStarted(runbookName(runbook), environmentOf(runbook), plan.title(), runbook.file(),
                runbook.source(), sha256(runbook.source()), plan.bindings().values(), runbook.front().secrets(),
                initiator, options);
    }

    /**
     * A run's plan exactly as it started: its stored runbook text parsed again and its variables
     * bound again; {@code strict} also reads its secrets from {@code environment}, which driving needs.
     */
    public static dev.runway.plan.BindResult rebind(RunStarted started, Map<String, String> environment, boolean strict) {
        return rebind(started, dev.runway.runbook.RunbookLoader.parse(started.file(), started.source()), environment, strict);
    }

    /** The same, with {@code runbook} already parsed from the stored file and text (the run is being created from it). */
    public static dev.runway.plan.BindResult rebind(RunStarted started, Runbook runbook, Map<String, String> environment, boolean strict) {
        return dev.runway.plan.Binder.bind(runbook, started.vars(), environment, strict);
    }

    /** The plan's steps as the read model lists them when the run starts, in plan order. */
    public static java.util.List<RunSnapshot.StepOutline> outline(Plan plan) {
        return plan.steps().stream().map(p -> new RunSnapshot.StepOutline(p.id(), p.step().kind(), p.step().rollback())).toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
