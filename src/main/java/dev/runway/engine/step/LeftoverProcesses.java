package dev.runway.engine.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Finds and stops the processes an attempt left behind when Runway itself died ({@code kill -9},
 * a power cut): they are no longer anyone's children, so no process tree leads to them, but each
 * carries the attempt's {@code RUNWAY_RUN_ID}, {@code RUNWAY_STEP_ID} and {@code RUNWAY_ATTEMPT}
 * in its environment. Left alone, a cut-off deploy script would go on changing things while the
 * run waits for someone to decide whether to run it again.
 *
 * <p>Only processes of the same user can be read ({@code /proc/PID/environ}); on systems without
 * {@code /proc} nothing is found.
 */
public final class LeftoverProcesses {

    private LeftoverProcesses() {}

    /** Stops what attempt {@code attempt} of {@code step} in {@code runId} left running; returns how many. */
    public static int stop(String runId, String step, int attempt, Duration grace) throws InterruptedException {
        List<ProcessHandle> left = find(runId, step, attempt);
        if (left.isEmpty()) return 0;
        left.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && left.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(20);
        }
        left.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return left.size();
    }

    static List<ProcessHandle> find(String runId, String step, int attempt) {
        byte[][] wanted = {
            ("RUNWAY_RUN_ID=" + runId).getBytes(StandardCharsets.UTF_8),
            ("RUNWAY_STEP_ID=" + step).getBytes(StandardCharsets.UTF_8),
            ("RUNWAY_ATTEMPT=" + attempt).getBytes(StandardCharsets.UTF_8),
        };
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> carriesAll(p.pid(), wanted))
                .toList();
    }

    private static boolean carriesAll(long pid, byte[][] wanted) {
        byte[] environ;
        // Not Files.readAllBytes: it trusts the size procfs reports for the file, and reads short.
        try (var in = Files.newInputStream(Path.of("/proc", Long.toString(pid), "environ"))) {
            environ = in.readAllBytes();
        } catch (IOException | SecurityException gone) {
            return false;
        }
        for (byte[] entry : wanted) {
            if (!hasEntry(environ, entry)) return false;
        }
        return true;
    }

    /** Whether the NUL-separated block holds exactly {@code entry} as one of its entries. */
    private static boolean hasEntry(byte[] environ, byte[] entry) {
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == entry.length && java.util.Arrays.equals(environ, start, i, entry, 0, entry.length)) return true;
                start = i + 1;
            }
        }
        return false;
    }
}
