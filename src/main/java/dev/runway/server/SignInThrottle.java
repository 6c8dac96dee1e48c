package dev.runway.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing. After {@link #LIMIT} failed sign-ins within {@link #WINDOW}
 * for one user name, or from one client address, further attempts are refused without
 * looking at the password, for a lockout that doubles each time the limit is reached again
 * (1, 2, 4 … minutes, at most an hour). Kept in memory: a restart forgives, which is fine
 * for a limit meant to make online guessing slow rather than to count forever.
 */
final class SignInThrottle {

    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration FIRST_LOCKOUT = Duration.ofMinutes(1);
    static final Duration LONGEST_LOCKOUT = Duration.ofHours(1);
    /** Past this many tracked names and addresses, quiet ones are forgotten. */
    private static final int TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, Failures> byKey = new HashMap<>();

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long sign-ins for {@code user} or from {@code address} stay refused; empty when they are not. */
    synchronized Optional<Duration> lockedFor(String user, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys(user, address)) {
            Failures f = byKey.get(key);
            if (f != null && f.lockedUntil != null && now.isBefore(f.lockedUntil)) {
                Duration left = Duration.between(now, f.lockedUntil);
                if (left.compareTo(longest) > 0) longest = left;
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    synchronized void failed(String user, String address) {
        Instant now = clock.instant();
        if (byKey.size() > TRACKED) forgetQuiet(now);
        for (String key : keys(user, address)) {
            Failures f = byKey.computeIfAbsent(key, k -> new Failures());
            f.prune(now);
            if (f.recent.isEmpty()) f.lockouts = 0;
            f.recent.addLast(now);
            if (f.recent.size() >= LIMIT) {
                Duration lockout = FIRST_LOCKOUT.multipliedBy(1L << Math.min(f.lockouts, 6));
                f.lockedUntil = now.plus(lockout.compareTo(LONGEST_LOCKOUT) > 0 ? LONGEST_LOCKOUT : lockout);
                f.lockouts++;
            }
        }
    }

    /** A right password forgives the name's failures; the address's stay, as it may be guessing other names. */
    synchronized void succeeded(String user) {
        byKey.remove("user:" + user);
    }

    private static String[] keys(String user, String address) {
        return new String[] {"user:" + user, "address:" + address};
    }

    private void forgetQuiet(Instant now) {
        byKey.values().removeIf(f -> {
            f.prune(now);
            return f.recent.isEmpty() && (f.lockedUntil == null || !now.isBefore(f.lockedUntil));
        });
    }

    private static final class Failures {
        final Deque<Instant> recent = new ArrayDeque<>();
        int lockouts;
        Instant lockedUntil;

        void prune(Instant now) {
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) recent.removeFirst();
        }
    }
}
