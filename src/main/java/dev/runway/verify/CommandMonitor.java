package dev.runway.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A command (run with {@code bash -c} in the runbook's directory) whose standard output must be
 * one number. A non-zero exit, a timeout or anything else on stdout is unreadable.
 */
public final class CommandMonitor implements MetricSource {
    private final String command;
    private final Path workdir;
    private final Map<String, String> environment;
    private final Duration timeout;

    public CommandMonitor(String command, Path workdir, Map<String, String> environment, Duration timeout) {
        this.command = command;
        this.workdir = workdir;
        this.environment = environment;
        this.timeout = timeout;
    }

    @Override
    public Sample read() throws InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(workdir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Sample.Unreadable("command \"" + command + "\" could not start: " + e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Sample.Unreadable("command \"" + command + "\" did not finish within " + timeout.toMillis() + "ms");
            }
            String stdout = out.get().strip();
            if (p.exitValue() != 0) {
                String stderr = err.get().strip();
                String last = stderr.isEmpty() ? "" : ": " + stderr.substring(stderr.lastIndexOf('\n') + 1);
                return new Sample.Unreadable("command \"" + command + "\" exited with " + p.exitValue() + last);
            }
            double value;
            try {
                value = stdout.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?") ? Double.parseDouble(stdout) : Double.NaN;
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                String shown = stdout.length() > 80 ? stdout.substring(0, 80) + "…" : stdout;
                return new Sample.Unreadable("command \"" + command + "\" printed \"" + shown + "\", not one number");
            }
            return Sample.Reading.of(value);
        } catch (ExecutionException e) {
            return new Sample.Unreadable("command \"" + command + "\" output could not be read: " + e.getCause());
        } finally {
            if (p.isAlive()) p.destroyForcibly();
        }
    }

    private static String drain(java.io.InputStream in) {
        try (in) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
