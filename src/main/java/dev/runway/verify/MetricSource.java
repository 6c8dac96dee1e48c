package dev.runway.verify;

/**
 * A monitor that can be read now. Implementations never throw for a monitor that cannot be read:
 * that is a {@link Sample.Unreadable} with the reason, because no data is never healthy.
 *
 * <pre>{@code
 * MetricSource queue = new CommandMonitor("./depth.sh", workdir, env, Duration.ofSeconds(5));
 * Sample s = queue.read();   // Reading{value=42.0} or Unreadable("command printed \"n/a\", …")
 * }</pre>
 */
public interface MetricSource extends AutoCloseable {

    Sample read() throws InterruptedException;

    @Override
    default void close() {}
}
