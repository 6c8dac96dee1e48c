package dev.runway.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code {name}} variable references. Shell and template syntax that also uses braces is
 * not a variable: {@code ${PREV}} (preceded by {@code $}), {@code {{.Names}}} (doubled braces),
 * {@code {a,b}} and {@code {1..3}} (not a name).
 */
public final class Placeholders {
    public static final Pattern VARIABLE =
            Pattern.compile("(?<![${])\\{([A-Za-z_][A-Za-z0-9_.-]*)\\}(?!})");

    /** One reference: the name and the offsets of the whole {@code {name}} in the text. */
    public record Use(String name, int start, int end) {}

    private Placeholders() {}

    public static List<Use> find(String text) {
        List<Use> uses = new ArrayList<>();
        if (text == null) {
            return uses;
        }
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            uses.add(new Use(m.group(1), m.start(), m.end()));
        }
        return uses;
    }

    /** Replaces each reference with {@code value(name)}, or keeps it when that returns null. */
    public static String substitute(String text, Function<String, String> value) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Use use : find(text)) {
            out.append(text, at, use.start());
            String v = value.apply(use.name());
            out.append(v == null ? text.substring(use.start(), use.end()) : v);
            at = use.end();
        }
        return out.append(text.substring(at)).toString();
    }
}
