package dev.runway.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.node.FencedCodeBlock;

/**
 * Fenced code blocks of a group: shell blocks become (or extend) the group's shell step, the block
 * after "Expected output" its expectation, {@code runway} blocks directives, and a block without
 * a language the manual tasks it spells out.
 */
final class FenceReader {
    static final Set<String> SHELL = Set.of("bash", "sh", "shell");
    private static final Pattern STEP_LINE = Pattern.compile("^\\s*Step \\d+:.*");

    private final Problems problems;
    private final DirectiveReader directives;

    FenceReader(Problems problems) {
        this.problems = problems;
        this.directives = new DirectiveReader(problems);
    }

    static String info(FencedCodeBlock f) {
        String info = f.getInfo() == null ? "" : f.getInfo().strip();
        int space = info.indexOf(' ');
        return (space < 0 ? info : info.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    void read(Group g, FencedCodeBlock f, boolean expected) {
        int line = MarkdownText.line(f);
        int column = MarkdownText.column(f);
        if (f.getClosingFenceLength() == null) {
            problems.error("unterminated-fence", line, column + f.getFenceIndent(), "unterminated code fence opened here");
            return;
        }
        String literal = f.getLiteral();
        String lang = info(f);
        int lastLine = MarkdownText.lastLine(f);
        if (expected) {
            expectation(g, literal, line, column, lastLine);
        } else if (SHELL.contains(lang)) {
            shell(g, lang, literal, line, column, lastLine);
        } else if (lang.equals("runway")) {
            directive(g, f, line, column);
        } else if (lang.isEmpty()) {
            plainBlock(g, literal, line, column);
        } else {
            problems.warn("not-executed", line, column, "code block in \"" + lang
                    + "\" is not run (only bash, sh and shell blocks are); it is kept as a note");
            g.note(literal.strip(), f);
        }
    }

    private void expectation(Group g, String literal, int line, int column, int lastLine) {
        if (g.shell == null) {
            problems.error("orphan-expectation", line, column, "expected output without a command block");
            return;
        }
        List<String> lines = new ArrayList<>(List.of(literal.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        Action.Shell s = (Action.Shell) g.shell.action;
        Expectation e = s.expected() == null ? new Expectation(List.copyOf(lines), line + 1)
                : new Expectation(concat(s.expected().lines(), lines), s.expected().line());
        g.shell.action = new Action.Shell(s.script(), s.scriptLine(), e);
        g.shell.toLine = Math.max(g.shell.toLine, lastLine);
    }

    private void shell(Group g, String lang, String literal, int line, int column, int lastLine) {
        String script = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        if (script.isBlank()) {
            problems.warn("empty-shell", line, column, "empty " + lang + " block");
        }
        if (g.shell == null) {
            g.shell = g.add(g.name(), line, column, lastLine, new Action.Shell(script, line + 1, null));
        } else {
            Action.Shell s = (Action.Shell) g.shell.action;
            g.shell.action = new Action.Shell(s.script() + "\n" + script, s.scriptLine(), s.expected());
            g.shell.toLine = lastLine;
        }
    }

    private void directive(Group g, FencedCodeBlock f, int line, int column) {
        YamlNode.Result r = YamlNode.read(f.getLiteral(), line, f.getFenceIndent());
        if (r.failure() != null) {
            problems.error("directive-yaml", r.failure().line(), r.failure().column(),
                    "invalid YAML in runway directive: " + r.failure().message());
            return;
        }
        if (!(r.root() instanceof YamlNode.Mapping m)) {
            problems.error("directive-shape", line, column, "runway directive must be a mapping of keys to values");
            return;
        }
        Draft.Directive d = directives.read(m, Set.of(), "directive key");
        if (d == null) {
            return;
        }
        if (d.action() != null) {
            g.add(d.title(), line, column, MarkdownText.lastLine(f), d.action()).take(d);
        } else {
            g.policies.add(new Group.Policy(d, line, column));
        }
    }

    /** A fence without a language in an executable section: prose steps a person performs. */
    private void plainBlock(Group g, String literal, int line, int column) {
        List<String> lines = List.of(literal.split("\n", -1));
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (STEP_LINE.matcher(lines.get(i)).matches()) {
                starts.add(i);
            }
        }
        int tasks = starts.isEmpty() ? 1 : starts.size();
        problems.warn("plain-block", line, column, "code block without a language is read as "
                + tasks + (tasks == 1 ? " manual task" : " manual tasks") + "; mark commands as ```bash");
        if (starts.isEmpty()) {
            g.add(g.name(), line, column, line + lines.size(), new Action.Manual(literal.strip(), List.of()));
            g.prose(literal, line + 1, 1);
            return;
        }
        if (starts.get(0) > 0) {
            String before = String.join("\n", lines.subList(0, starts.get(0))).strip();
            if (!before.isEmpty()) {
                g.pendingNotes.add(before);
            }
        }
        for (int k = 0; k < starts.size(); k++) {
            int from = starts.get(k);
            int to = k + 1 < starts.size() ? starts.get(k + 1) : lines.size();
            String text = lines.get(from).strip();
            List<String> details = lines.subList(from + 1, to).stream().map(String::strip)
                    .map(s -> s.startsWith("- ") ? s.substring(2) : s).filter(s -> !s.isEmpty()).toList();
            g.add(text, line + 1 + from, 1, line + to, new Action.Manual(text, details));
            g.prose(text, line + 1 + from, 1);
            for (int i = from + 1; i < to; i++) {
                g.prose(lines.get(i), line + 1 + i, 1);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
