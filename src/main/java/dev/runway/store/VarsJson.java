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
 *
 * <p>Reading has a faster path still for what {@link #write} produces when no value needs an
 * escape ({@code {"version":"1.4.2","env":"prod"}}): a cold JVM's first Jackson parser
 * initialises {@code BigDecimal} and the parser classes, some 30 ms of a {@code runway status}
 * on a 2-core machine. Text in any other shape goes to Jackson, so the result never differs.
 */
final class VarsJson {

    /** In a holder: the fast read path should not build a Jackson factory it never uses. */
    private static final class Factory {
        static final JsonFactory INSTANCE = new JsonFactory();
    }

    private VarsJson() {}

    static String write(Map<String, String> vars) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Factory.INSTANCE.createGenerator(out)) {
            g.writeStartObject();
            for (var e : vars.entrySet()) g.writeStringField(e.getKey(), e.getValue());
            g.writeEndObject();
        }
        return out.toString();
    }

    static Map<String, String> read(String json) throws IOException {
        Map<String, String> plain = unescaped(json);
        return plain != null ? plain : parse(json);
    }

    /**
     * The object in {@code json} if it is exactly {@code {"k":"v",…}} with no backslash and no
     * whitespace, as the generator writes values that need no escape; else null.
     */
    static Map<String, String> unescaped(String json) {
        int n = json.length();
        if (n < 2 || json.charAt(0) != '{' || json.charAt(n - 1) != '}' || json.indexOf('\\') >= 0) return null;
        Map<String, String> vars = new LinkedHashMap<>();
        int i = 1;
        if (i == n - 1) return vars;
        while (true) {
            int keyEnd = quoted(json, i, n);
            if (keyEnd < 0 || keyEnd + 1 >= n || json.charAt(keyEnd + 1) != ':') return null;
            int valueEnd = quoted(json, keyEnd + 2, n);
            if (valueEnd < 0) return null;
            String key = json.substring(i + 1, keyEnd);
            if (vars.put(key, json.substring(keyEnd + 3, valueEnd)) != null) return null;
            i = valueEnd + 1;
            if (i == n - 1) return vars;
            if (json.charAt(i) != ',') return null;
            i++;
        }
    }

    /** Where the string starting with a quote at {@code from} ends (its closing quote), or -1. */
    private static int quoted(String json, int from, int n) {
        if (from >= n || json.charAt(from) != '"') return -1;
        int end = json.indexOf('"', from + 1);
        if (end < 0) return -1;
        for (int i = from + 1; i < end; i++) {
            if (json.charAt(i) < 0x20) return -1; // control characters are always escaped when written
        }
        return end;
    }

    private static Map<String, String> parse(String json) throws IOException {
        Map<String, String> vars = new LinkedHashMap<>();
        try (JsonParser p = Factory.INSTANCE.createParser(json)) {
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
