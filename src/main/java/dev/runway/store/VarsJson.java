package dev.runway.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's variables as a flat JSON object of strings, written and read with Jackson's
 * streaming API: every listing reads them, and building a full object mapper for a map of
 * strings costs more than the rest of a {@code runway status}.
 */
final class VarsJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private VarsJson() {}

    static String write(Map<String, String> vars) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            for (var e : vars.entrySet()) g.writeStringField(e.getKey(), e.getValue());
            g.writeEndObject();
        }
        return out.toString();
    }

    static Map<String, String> read(String json) throws IOException {
        Map<String, String> vars = new LinkedHashMap<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("run variables are not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                vars.put(name, p.getValueAsString());
            }
        }
        return vars;
    }
}
