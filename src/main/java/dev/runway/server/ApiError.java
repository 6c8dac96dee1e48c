package dev.runway.server;

/**
 * A request the API answers with an error. Every error leaves the server as
 * {@code {"error": {"code": …, "message": …}}}; the codes are stable, clients switch on them.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final String code;

    ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static ApiError unauthenticated(String message) {
        return new ApiError(401, "unauthenticated", message);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    static ApiError runNotFound(String runId) {
        return new ApiError(404, "run_not_found", "no run " + runId);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    static ApiError invalidJson(String message) {
        return new ApiError(400, "invalid_json", message);
    }

    static ApiError invalidRequest(String message) {
        return new ApiError(400, "invalid_request", message);
    }

    static ApiError invalidRunbook(String message) {
        return new ApiError(400, "invalid_runbook", message);
    }

    static ApiError refused(String message) {
        return new ApiError(409, "refused", message);
    }

    static ApiError locked(String message) {
        return new ApiError(409, "locked", message);
    }

    static ApiError bodyTooLarge(long limit) {
        return new ApiError(413, "body_too_large", "request body is larger than " + limit + " bytes");
    }

    static ApiError internal() {
        return new ApiError(500, "internal", "the server failed to handle the request; see its log");
    }
}
