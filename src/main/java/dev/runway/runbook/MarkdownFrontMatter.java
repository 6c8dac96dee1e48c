package dev.runway.runbook;

import java.util.Map;
import java.util.Set;

/**
 * Front matter is located by hand rather than by the commonmark extension, whose own small
 * YAML reader rejects flow mappings such as {@code { required: true }}. Its lines are blanked
 * so Markdown line numbers stay file line numbers.
 */
final class MarkdownFrontMatter {

    /** The document with its front matter lines blanked, and what they declared. */
    record Split(String body, FrontMatter front, Map<String, Position> keys) {}

    private MarkdownFrontMatter() {}

    static Split split(String source, Problems problems) {
        String[] lines = source.split("\n", -1);
        if (!lines[0].stripTrailing().equals("---")) {
            return new Split(source, FrontMatterReader.empty(), Map.of());
        }
        int close = -1;
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].stripTrailing();
            if (l.equals("---") || l.equals("...")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            problems.error("front-matter", 1, 1, "front matter opened here is never closed (add a line \"---\" after it)");
            return new Split(source, FrontMatterReader.empty(), Map.of());
        }
        StringBuilder yaml = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0 && i < close) {
                yaml.append(lines[i]).append('\n');
            }
            body.append(i <= close ? "" : lines[i]);
            if (i < lines.length - 1) {
                body.append('\n');
            }
        }
        return read(body.toString(), yaml.toString(), problems);
    }

    private static Split read(String body, String yaml, Problems problems) {
        YamlNode.Result r = YamlNode.read(yaml, 1, 0);
        if (r.failure() != null) {
            problems.error("front-matter", r.failure().line(), r.failure().column(),
                    "invalid YAML in front matter: " + r.failure().message());
        } else if (r.root() instanceof YamlNode.Mapping m) {
            FrontMatterReader reader = new FrontMatterReader(problems);
            FrontMatter front = reader.read(m, Set.of());
            return new Split(body, front, reader.keys());
        } else if (r.root() != null) {
            problems.error("front-matter", r.root().line(), r.root().column(),
                    "front matter must be a mapping of keys to values, not " + YamlNode.describe(r.root()));
        }
        return new Split(body, FrontMatterReader.empty(), Map.of());
    }
}
