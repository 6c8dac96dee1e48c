package dev.runway.server;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One row of the API's route table.
 *
 * @param action what the caller does, in the words audit entries use ("approve", "read runs")
 */
record Route(HandlerType method, String path, String action, Allowed allowed, Handler handler) {

    /**
     * HEAD asks for what GET answers, without the body (RFC 9110 §9.3.2): the same handler,
     * roles and action, so a probe sees the same status and access rules as a GET. Jetty sends
     * no body for a HEAD, whatever the handler writes.
     */
    Route asHead() {
        if (method != HandlerType.GET) throw new IllegalArgumentException("only a GET route has a HEAD twin: " + method + " " + path);
        return new Route(HandlerType.HEAD, path, action, allowed, handler);
    }

    /** GET and HEAD read: they change nothing, and a page answers them as a page. */
    static boolean reads(HandlerType method) {
        return method == HandlerType.GET || method == HandlerType.HEAD;
    }
}
