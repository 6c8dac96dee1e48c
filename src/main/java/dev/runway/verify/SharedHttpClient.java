package dev.runway.verify;

import java.net.http.HttpClient;
import java.util.function.Supplier;

/**
 * One HTTP client shared by whoever uses it at the moment, shut down when the last one is done.
 *
 * <p>Sharing: 500 observe windows probing at once need one selector thread and one pool of
 * keep-alive connections, not 500. Shutting down: an idle client's selector thread sits in a
 * native {@code epoll_wait}, and the JVM's exit waits up to 300 ms for threads in native code,
 * so a client left open made every {@code runway run} end 0.3 s late.
 */
public final class SharedHttpClient {

    private final Supplier<HttpClient> open;
    private HttpClient client;
    private int users;

    public SharedHttpClient(Supplier<HttpClient> open) {
        this.open = open;
    }

    /** The client, for one more user, who calls {@link #release} exactly once when done with it. */
    public synchronized HttpClient acquire() {
        if (client == null) client = open.get();
        users++;
        return client;
    }

    /** One user is done; the last one shuts the client down (its requests were theirs to finish or abandon). */
    public synchronized void release() {
        if (users == 0) throw new IllegalStateException("released more often than acquired");
        if (--users == 0) {
            client.shutdownNow();
            client = null;
        }
    }

    synchronized int users() {
        return users;
    }
}
