package dev.runway.server;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One row of the API's route table.
 *
 * @param action what the caller does, in the words audit entries use ("approve", "read runs")
 */
record Route(HandlerType method, String path, String action, Allowed allowed, Handler handler) {}
