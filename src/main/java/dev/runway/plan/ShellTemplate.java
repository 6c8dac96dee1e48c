package dev.runway.plan;

import dev.runway.runbook.Placeholders;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Rewrites {@code {name}} in a shell script into a reference to an environment variable, never
 * the value itself, so a value such as {@code 1.2.3; rm -rf /} stays data. The reference is
 * chosen by lexical context so the value arrives as exactly one word, unsplit and unglobbed:
 *
 * <pre>
 * bare            {v}       →  "${RUNWAY_VAR_v}"
 * double quotes   "x{v}"    →  "x${RUNWAY_VAR_v}"
 * single quotes   'x{v}y'   →  'x'"${RUNWAY_VAR_v}"'y'
 * </pre>
 *
 * Command substitutions and backticks inside double quotes start a fresh unquoted context;
 * comments are left alone; an unquoted here-document body is read like double quotes, and a
 * quoted one ({@code <<'EOF'}) as a fresh script, because such bodies are usually fed to
 * another shell ({@code bash <<'EOF'}), which inherits the environment and expands the
 * reference itself.
 */
public final class ShellTemplate {
    private final String s;
    private final Function<String, String> envName;
    private final StringBuilder out = new StringBuilder();
    private final List<Heredoc> pending = new ArrayList<>();
    private final Matcher variable;
    private int i;

    private record Heredoc(String delimiter, boolean quoted, boolean stripTabs) {}

    private ShellTemplate(String s, Function<String, String> envName) {
        this.s = s;
        this.envName = envName;
        this.variable = Placeholders.VARIABLE.matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /**
     * @param envName the environment variable that holds a variable's value
     *                ({@link Bindings#envName} for variables, the secret's own name for secrets)
     */
    public static String render(String script, Function<String, String> envName) {
        ShellTemplate t = new ShellTemplate(script, envName);
        t.unquoted((char) 0);
        return t.out.toString();
    }

    private char at(int k) {
        return k < s.length() ? s.charAt(k) : 0;
    }

    /** If a variable starts at i, writes its reference and returns true. */
    private boolean variable(String before, String after) {
        if (s.charAt(i) != '{') {
            return false;
        }
        variable.region(i, s.length());
        if (!variable.lookingAt()) {
            return false;
        }
        out.append(before).append("${").append(envName.apply(variable.group(1))).append('}').append(after);
        i = variable.end();
        return true;
    }

    private void copy(int n) {
        int end = Math.min(i + n, s.length());
        out.append(s, i, end);
        i = end;
    }

    /** Top level, inside $( ) or backticks; returns at {@code stop} (not consumed) or the end. */
    private void unquoted(char stop) {
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == stop && (stop != ')' || depth == 0)) {
                return;
            }
            switch (c) {
                case '\\' -> copy(2);
                case '\'' -> {
                    copy(1);
                    single();
                }
                case '"' -> {
                    copy(1);
                    dbl(false);
                }
                case '$' -> {
                    if (at(i + 1) == '\'') {
                        copy(2);
                        ansi();
                    } else if (at(i + 1) == '(') {
                        copy(2);
                        unquoted(')');
                        copy(1);
                    } else {
                        copy(1);
                    }
                }
                case '`' -> {
                    copy(1);
                    unquoted('`');
                    copy(1);
                }
                case '(' -> {
                    depth++;
                    copy(1);
                }
                case ')' -> {
                    depth--;
                    copy(1);
                }
                case '#' -> {
                    char prev = i == 0 ? '\n' : s.charAt(i - 1);
                    if (Character.isWhitespace(prev) || ";&|()".indexOf(prev) >= 0) {
                        int nl = s.indexOf('\n', i);
                        copy((nl < 0 ? s.length() : nl) - i);
                    } else {
                        copy(1);
                    }
                }
                case '<' -> {
                    if (at(i + 1) == '<' && at(i + 2) != '<' && (i == 0 || s.charAt(i - 1) != '<')) {
                        heredocOperator();
                    } else {
                        copy(1);
                    }
                }
                case '\n' -> {
                    copy(1);
                    heredocBodies();
                }
                case '{' -> {
                    if (!variable("\"", "\"")) {
                        copy(1);
                    }
                }
                default -> copy(1);
            }
        }
    }

    /** Inside "…" (or an unquoted here-document body, where {@code "} is an ordinary character). */
    private void dbl(boolean heredoc) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' && !heredoc) {
                copy(1);
                return;
            }
            if (c == '\\') {
                copy(2);
            } else if (c == '$' && at(i + 1) == '(') {
                copy(2);
                unquoted(')');
                copy(1);
            } else if (c == '`') {
                copy(1);
                unquoted('`');
                copy(1);
            } else if (!(c == '{' && variable("", ""))) {
                copy(1);
            }
        }
    }

    private void single() {
        while (i < s.length()) {
            if (s.charAt(i) == '\'') {
                copy(1);
                return;
            }
            if (!variable("'\"", "\"'")) {
                copy(1);
            }
        }
    }

    /** $'…': backslash escapes, and the quote is reopened with $' so escapes keep working. */
    private void ansi() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                copy(1);
                return;
            }
            if (c == '\\') {
                copy(2);
            } else if (!variable("'\"", "\"$'")) {
                copy(1);
            }
        }
    }

    private void heredocOperator() {
        copy(2);
        boolean strip = at(i) == '-';
        if (strip) {
            copy(1);
        }
        while (at(i) == ' ' || at(i) == '\t') {
            copy(1);
        }
        int start = i;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && ";&|<>()".indexOf(s.charAt(i)) < 0) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int close = s.indexOf(c, i + 1);
                i = close < 0 ? s.length() : close + 1;
            } else {
                i += c == '\\' ? 2 : 1;
            }
        }
        String word = s.substring(start, Math.min(i, s.length()));
        out.append(word);
        if (!word.isEmpty()) {
            boolean quoted = word.contains("'") || word.contains("\"") || word.contains("\\");
            pending.add(new Heredoc(word.replaceAll("['\"\\\\]", ""), quoted, strip));
        }
    }

    private void heredocBodies() {
        List<Heredoc> docs = List.copyOf(pending);
        pending.clear();
        for (Heredoc h : docs) {
            int bodyStart = i;
            int lineStart = i;
            int bodyEnd = s.length();
            int after = s.length();
            while (lineStart < s.length()) {
                int nl = s.indexOf('\n', lineStart);
                int lineEnd = nl < 0 ? s.length() : nl;
                String line = s.substring(lineStart, lineEnd);
                if ((h.stripTabs() ? line.replaceFirst("^\t+", "") : line).equals(h.delimiter())) {
                    bodyEnd = lineStart;
                    after = lineEnd;
                    break;
                }
                lineStart = nl < 0 ? s.length() : nl + 1;
            }
            String body = s.substring(bodyStart, bodyEnd);
            if (h.quoted()) {
                out.append(render(body, envName));
            } else {
                ShellTemplate inner = new ShellTemplate(body, envName);
                inner.dbl(true);
                out.append(inner.out);
            }
            i = bodyEnd;
            copy(after - bodyEnd);
        }
    }
}
