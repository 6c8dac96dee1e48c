package dev.runway.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * The CLI's JSON: pretty, ISO-8601 times, keys in insertion order.
 *
 * <p>What the CLI prints is almost always a tree of maps, lists, strings, numbers, booleans and
 * instants (a run document, a history page). Such a tree is written with Jackson's streaming
 * generator, byte for byte as the object mapper would write it: building the mapper, with its
 * serializers and the time module, cost a cold {@code runway status --json} more than reading
 * the run. Anything else goes to the mapper.
 */
final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Built on first use only: the streaming path never needs it. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    private Json() {}

    static String write(Object value) {
        if (!plain(value)) return withMapper(value);
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            tree(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return out.toString();
    }

    static String withMapper(Object value) {
        try {
            return Mapper.INSTANCE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Whether {@code value} is a tree the streaming writer writes exactly as the mapper would. */
    static boolean plain(Object value) {
        return switch (value) {
            case null -> true;
            case String s -> true;
            case Boolean b -> true;
            case Integer i -> true;
            case Long l -> true;
            case Double d -> true;
            case Instant i -> true;
            case Map<?, ?> m -> m.entrySet().stream().allMatch(e -> e.getKey() instanceof String && plain(e.getValue()));
            case Collection<?> c -> c.stream().allMatch(Json::plain);
            default -> false;
        };
    }

    private static void tree(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            // As the time module writes an instant with timestamps off: ISO_INSTANT, which is toString().
            case Instant i -> g.writeString(i.toString());
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (var e : m.entrySet()) {
                    g.writeFieldName((String) e.getKey());
                    tree(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object item : c) tree(g, item);
                g.writeEndArray();
            }
            default -> throw new IllegalArgumentException("not a plain JSON tree: " + value.getClass().getName());
        }
    }
}
