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

    /**
     * Streamed when {@code value} is a plain tree, else by the mapper. The tree is not checked
     * first: on a 1,000-step run document that walk cost as much as a sixth of the writing; a
     * value the generator cannot write drops what was written and hands the whole to the mapper.
     */
    static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            tree(g, value);
        } catch (NotPlain e) {
            return withMapper(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return out.toString();
    }

    /** A value of a kind the streaming writer leaves to the mapper. */
    private static final class NotPlain extends RuntimeException {
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    static String withMapper(Object value) {
        try {
            return Mapper.INSTANCE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
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
                    if (!(e.getKey() instanceof String key)) throw NotPlain.INSTANCE;
                    g.writeFieldName(key);
                    tree(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object item : c) tree(g, item);
                g.writeEndArray();
            }
            default -> throw NotPlain.INSTANCE;
        }
    }
}
