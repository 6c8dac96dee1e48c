package dev.runway.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's JSON: reading bounded request bodies, writing responses. */
final class ApiJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private ApiJson() {}

    static void respond(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static Map<String, Object> error(String code, String message) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", code);
        inner.put("message", message);
        return Map.of("error", inner);
    }

    /**
     * The request body as a JSON object; an empty body is an empty object. Reads at most
     * {@code limit} bytes, whatever the Content-Length claims.
     */
    static ObjectNode body(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) throw ApiError.bodyTooLarge(limit);
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes((int) limit + 1);
        } catch (IOException e) {
            throw ApiError.invalidRequest("cannot read the request body: " + e.getMessage());
        }
        if (bytes.length > limit) throw ApiError.bodyTooLarge(limit);
        if (bytes.length == 0) return MAPPER.createObjectNode();
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw ApiError.invalidJson("request body is not valid JSON: " + firstLine(originalMessage(e)));
        }
        if (node == null || node.isMissingNode()) return MAPPER.createObjectNode();
        if (!(node instanceof ObjectNode object)) throw ApiError.invalidJson("request body must be a JSON object");
        return object;
    }

    /** An optional string field; any other JSON type is a bad request. */
    static String text(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiError.invalidRequest("\"" + field + "\" must be a string");
        return v.asText();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }
}
