package dev.runway.runbook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written. Jackson's tree model drops locations, and
 * every runbook error must point at a file line, so front matter, directives and YAML runbooks
 * are read through Jackson's streaming parser into this small tree instead.
 */
sealed interface YamlNode {

    /** 1-based line in the file (the YAML text's own line plus the offset it was read with). */
    int line();

    int column();

    /** A scalar; {@code text} is null for YAML null, {@code string} false for numbers and booleans. */
    record Scalar(String text, boolean string, int line, int column) implements YamlNode {}

    record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {}

    /** A mapping in document order; each key keeps its own location for "unknown key" errors. */
    record Mapping(Map<String, Entry> entries, int line, int column) implements YamlNode {
        public record Entry(String key, int line, int column, YamlNode value) {}
    }

    /** Why a YAML text could not be read, located in the file. */
    record Failure(String message, int line, int column) {}

    /** Either a root node (null for an empty document) or a failure. */
    record Result(YamlNode root, Failure failure) {}

    static String describe(YamlNode node) {
        return switch (node) {
            case Scalar s -> s.text() == null ? "nothing" : "\"" + s.text() + "\"";
            case Sequence q -> "a list";
            case Mapping m -> "a mapping";
        };
    }

    /**
     * Reads {@code text}, adding {@code lineOffset} to every line so locations are file lines.
     * {@code columnOffset} is added on the text's first column (for indented fenced blocks).
     */
    static Result read(String text, int lineOffset, int columnOffset) {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Result(null, null);
            }
            return new Result(new Reader(p, lineOffset, columnOffset).value(), null);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            int line = loc == null || loc.getLineNr() < 1 ? 1 : loc.getLineNr();
            int col = loc == null || loc.getColumnNr() < 1 ? 1 : loc.getColumnNr();
            return new Result(null, new Failure(problem(e), line + lineOffset, col + columnOffset));
        } catch (IOException e) {
            return new Result(null, new Failure(String.valueOf(e.getMessage()), 1 + lineOffset, 1 + columnOffset));
        }
    }

    /** SnakeYAML's own short problem text ("mapping values are not allowed here"), not Jackson's wrapper. */
    private static String problem(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblem() != null) {
            return marked.getProblem();
        }
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    final class Reader {
        private final JsonParser p;
        private final int lineOffset;
        private final int columnOffset;

        Reader(JsonParser p, int lineOffset, int columnOffset) {
            this.p = p;
            this.lineOffset = lineOffset;
            this.columnOffset = columnOffset;
        }

        private int line() {
            return p.currentTokenLocation().getLineNr() + lineOffset;
        }

        private int column() {
            return p.currentTokenLocation().getColumnNr() + columnOffset;
        }

        /** Reads the value at the current token, leaving the parser on its last token. */
        YamlNode value() throws IOException {
            int line = line();
            int column = column();
            JsonToken t = p.currentToken();
            switch (t) {
                case START_OBJECT -> {
                    Map<String, Mapping.Entry> entries = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        int kl = line();
                        int kc = column();
                        // YAML forbids a repeated key; the parser would keep the last one, silently dropping the first.
                        Mapping.Entry first = entries.get(key);
                        if (first != null) {
                            throw new com.fasterxml.jackson.core.JsonParseException(p, "duplicate key \"" + key
                                    + "\" (first at line " + first.line() + ")", p.currentTokenLocation());
                        }
                        p.nextToken();
                        entries.put(key, new Mapping.Entry(key, kl, kc, value()));
                    }
                    return new Mapping(entries, line, column);
                }
                case START_ARRAY -> {
                    List<YamlNode> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(value());
                    }
                    return new Sequence(items, line, column);
                }
                case VALUE_NULL -> {
                    return new Scalar(null, false, line, column);
                }
                case VALUE_STRING -> {
                    return new Scalar(p.getText(), true, line, column);
                }
                default -> {
                    return new Scalar(p.getText(), false, line, column);
                }
            }
        }
    }
}
