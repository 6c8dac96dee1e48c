package dev.runway.engine;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * Identifies the process driving a run ({@code host:pid:start}). On the same host a dead owner
 * is recognised at once, so {@code runway resume} after a {@code kill -9} does not have to wait
 * for the lease to run out; the start time guards against a reused pid.
 */
public record RunOwner(String host, long pid, long startMillis) {

    public static RunOwner current() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return new RunOwner(hostName(), self.pid(), start);
    }

    @Override
    public String toString() {
        return host + ":" + pid + ":" + startMillis;
    }

    public static Optional<RunOwner> parse(String text) {
        String[] p = text == null ? new String[0] : text.split(":");
        if (p.length != 3) return Optional.empty();
        try {
            return Optional.of(new RunOwner(p[0], Long.parseLong(p[1]), Long.parseLong(p[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True only when the owner certainly no longer runs: same host, and no such process. */
    public static boolean isGone(String owner) {
        return parse(owner).map(o -> o.host.equals(hostName()) && !o.alive()).orElse(false);
    }

    private boolean alive() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(h -> h.info().startInstant().map(Instant::toEpochMilli).orElse(0L))
                .map(start -> startMillis == 0 || Math.abs(start - startMillis) < 1000)
                .orElse(false);
    }

    private static final String HOST = lookUpHostName();

    private static String hostName() {
        return HOST;
    }

    private static String lookUpHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
