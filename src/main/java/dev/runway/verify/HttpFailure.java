package dev.runway.verify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Why a request got no answer, in words a person on call reads at a glance. The JDK's client
 * throws most of these with no message at all ("ConnectException"), or with its own internals.
 */
public final class HttpFailure {

    private HttpFailure() {}

    public static String describe(IOException e, URI uri, Duration timeout) {
        String where = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        if (e instanceof HttpConnectTimeoutException) return "could not connect to " + where + " within " + millis(timeout);
        if (e instanceof HttpTimeoutException) return "no answer within " + millis(timeout);
        if (causedBy(e, UnresolvedAddressException.class) || causedBy(e, java.net.UnknownHostException.class)) {
            return "cannot resolve host " + uri.getHost();
        }
        if (e instanceof ConnectException) {
            return e.getMessage() == null || e.getMessage().isBlank()
                    ? "connection refused (nothing listening at " + where + ")" : e.getMessage();
        }
        if (e instanceof SSLException) return "TLS failed with " + where + ": " + e.getMessage();
        if (e.getMessage() == null || e.getMessage().isBlank()) return e.getClass().getSimpleName();
        return e.getMessage();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) return true;
        }
        return false;
    }

    private static String millis(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
