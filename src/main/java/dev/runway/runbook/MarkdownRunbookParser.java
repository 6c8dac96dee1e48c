package dev.runway.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads a Markdown runbook following the mapping in DESIGN.md ("Structure → steps"). Blocks are
 * gathered per group (a {@code ###} heading, or a {@code ##} section's own blocks) and then
 * turned into drafts in document order, because whether an ordered list is a list of manual
 * tasks depends on whether its group has a shell block anywhere.
 */
final class MarkdownRunbookParser {
    private static final Set<String> SHELL = Set.of("bash", "sh", "shell");
    private static final Pattern EXPECTED = Pattern.compile("(?i)expected output\\s*:?");
    private static final Pattern STEP_LINE = Pattern.compile("^\\s*Step \\d+:.*");
    private static final Pattern NUMBERING = Pattern.compile("^\\s*\\d+(\\.\\d+)*\\.?\\s+");
    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create(), TaskListItemsExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    private final Problems problems;
    private final DirectiveReader directives;
    private final List<Draft> drafts = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final List<Prose> prose = new ArrayList<>();
    private FrontMatter front = FrontMatterReader.empty();
    private String title;

    /** A piece of prose in a group, kept for the timed-pause lint. */
    record Prose(Object group, String text, int line, int column) {}

    MarkdownRunbookParser(Problems problems) {
        this.problems = problems;
        this.directives = new DirectiveReader(problems);
    }

    Runbook parse(String source) {
        String body = readFrontMatter(source);
        Node document = PARSER.parse(body);
        SectionState section = null;
        GroupState group = null;
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading h && h.getLevel() == 1 && title == null) {
                title = MarkdownText.plain(h);
                continue;
            }
            if (node instanceof Heading h && h.getLevel() <= 2) {
                finish(group);
                finish(section);
                section = new SectionState(MarkdownText.plain(h), MarkdownText.line(h), front);
                group = new GroupState(section, null, MarkdownText.line(h));
                continue;
            }
            if (section == null) {
                // Content above the first "##" belongs to an implicit section named after the runbook.
                section = new SectionState(title == null ? "Runbook" : title, MarkdownText.line(node), front);
                group = new GroupState(section, null, section.line);
            }
            if (node instanceof Heading h) {
                finish(group);
                group = new GroupState(section, MarkdownText.plain(h), MarkdownText.line(h));
                continue;
            }
            group.blocks.add(node);
        }
        finish(group);
        finish(section);
        return new StepAssembler(problems, source).assemble(title, front, sections, drafts, prose);
    }

    /**
     * Front matter is located by hand rather than by the commonmark extension, whose own small
     * YAML reader rejects flow mappings such as {@code { required: true }}. Its lines are blanked
     * so Markdown line numbers stay file line numbers.
     */
    private String readFrontMatter(String source) {
        String[] lines = source.split("\n", -1);
        if (!lines[0].stripTrailing().equals("---")) {
            return source;
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
            return source;
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
        YamlNode.Result r = YamlNode.read(yaml.toString(), 1, 0);
        if (r.failure() != null) {
            problems.error("front-matter", r.failure().line(), r.failure().column(),
                    "invalid YAML in front matter: " + r.failure().message());
        } else if (r.root() instanceof YamlNode.Mapping m) {
            front = new FrontMatterReader(problems).read(m, Set.of());
        } else if (r.root() != null) {
            problems.error("front-matter", r.root().line(), r.root().column(),
                    "front matter must be a mapping of keys to values, not " + YamlNode.describe(r.root()));
        }
        return body.toString();
    }

    static Section.Role role(String title, List<String> informational) {
        if (title.toLowerCase(Locale.ROOT).contains("rollback")) {
            return Section.Role.ROLLBACK;
        }
        String bare = NUMBERING.matcher(title).replaceFirst("").strip().toLowerCase(Locale.ROOT);
        return informational.contains(bare) ? Section.Role.INFORMATIONAL : Section.Role.PHASE;
    }

    private final class SectionState {
        final String title;
        final int line;
        final Section.Role role;
        final List<String> notes = new ArrayList<>();

        SectionState(String title, int line, FrontMatter front) {
            this.title = title;
            this.line = line;
            this.role = role(title, front.informational());
        }
    }

    private void finish(SectionState s) {
        if (s != null) {
            sections.add(new Section(s.title, s.line, s.role, List.copyOf(s.notes)));
        }
    }

    /** The blocks of one group and the drafts made from them. */
    private final class GroupState {
        final SectionState section;
        final String heading;
        final int line;
        final List<Node> blocks = new ArrayList<>();
        final List<Draft> made = new ArrayList<>();
        final List<String> pendingNotes = new ArrayList<>();
        final List<Policy> policies = new ArrayList<>();
        Draft shell;

        GroupState(SectionState section, String heading, int line) {
            this.section = section;
            this.heading = heading;
            this.line = line;
        }

        String name() {
            return heading != null ? heading : section.title;
        }

        boolean rollback() {
            return section.role == Section.Role.ROLLBACK;
        }

        Draft add(String title, Node at, Action action) {
            return add(title, MarkdownText.line(at), MarkdownText.column(at), MarkdownText.lastLine(at), action);
        }

        Draft add(String title, int line, int column, int toLine, Action action) {
            Draft d = new Draft(this, Slugs.id(name()), section.title, rollback(), title, line, column, action);
            d.toLine = toLine;
            d.notes.addAll(pendingNotes);
            pendingNotes.clear();
            made.add(d);
            drafts.add(d);
            return d;
        }

        void note(String text, Node at) {
            if (!text.isBlank()) {
                pendingNotes.add(text);
                prose.add(new Prose(this, text, MarkdownText.line(at), MarkdownText.column(at)));
            }
        }
    }

    /** A policy-only directive, applied to the group's commands once the group is complete. */
    private record Policy(Draft.Directive directive, int line, int column) {}

    private void finish(GroupState g) {
        if (g == null || g.section.role == Section.Role.INFORMATIONAL) {
            return;
        }
        boolean hasShell = g.blocks.stream().anyMatch(b -> b instanceof FencedCodeBlock f && SHELL.contains(info(f)));
        boolean expectNext = false;
        for (Node block : g.blocks) {
            boolean expected = expectNext;
            expectNext = false;
            switch (block) {
                case Paragraph p -> {
                    String text = MarkdownText.plain(p);
                    if (EXPECTED.matcher(text).matches()) {
                        expectNext = true;
                    } else {
                        g.note(text, p);
                    }
                }
                case FencedCodeBlock f -> fenced(g, f, expected);
                case BulletList list -> bullets(g, list);
                case OrderedList list -> {
                    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                        if (hasShell) {
                            g.note(MarkdownText.plain(item), item);
                        } else {
                            manualItem(g, (ListItem) item);
                        }
                    }
                }
                case BlockQuote q -> quote(g, q);
                case TableBlock t -> new TableReader().read(t, g.name(), new TableReader.Sink() {
                    public Draft add(String title, Node at, Action action) {
                        return g.add(title, at, action);
                    }

                    public void note(String text, Node at) {
                        g.note(text, at);
                    }
                });
                case ThematicBreak b -> { }
                default -> g.note(MarkdownText.plain(block), block);
            }
        }
        g.section.notes.addAll(g.pendingNotes);
        g.pendingNotes.clear();
        for (Policy p : g.policies) {
            List<Draft> targets = g.made.stream()
                    .filter(d -> d.action instanceof Action.Shell || d.action instanceof Action.Check).toList();
            if (targets.isEmpty()) {
                problems.warn("directive-unused", p.line, p.column,
                        "runway directive sets policy but \"" + g.name() + "\" has no command or check to apply it to");
                continue;
            }
            targets.forEach(d -> d.apply(p.directive));
            if (p.directive.id() != null) {
                if (targets.size() == 1) {
                    Draft d = targets.get(0);
                    d.explicitId = p.directive.id();
                    d.idLine = p.directive.idLine();
                    d.idColumn = p.directive.idColumn();
                } else {
                    problems.error("ambiguous-id", p.directive.idLine(), p.directive.idColumn(), "directive id \""
                            + p.directive.id() + "\" needs exactly one command or check in \"" + g.name()
                            + "\", found " + targets.size());
                }
            }
        }
    }

    private static String info(FencedCodeBlock f) {
        String info = f.getInfo() == null ? "" : f.getInfo().strip();
        int space = info.indexOf(' ');
        return (space < 0 ? info : info.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    private void fenced(GroupState g, FencedCodeBlock f, boolean expected) {
        int line = MarkdownText.line(f);
        int column = MarkdownText.column(f);
        if (f.getClosingFenceLength() == null) {
            problems.error("unterminated-fence", line, column + f.getFenceIndent(), "unterminated code fence opened here");
            return;
        }
        String literal = f.getLiteral();
        String lang = info(f);
        int contentLine = line + 1;
        int lastLine = MarkdownText.lastLine(f);
        if (expected) {
            if (g.shell == null) {
                problems.error("orphan-expectation", line, column, "expected output without a command block");
                return;
            }
            List<String> lines = new ArrayList<>(List.of(literal.split("\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            Action.Shell s = (Action.Shell) g.shell.action;
            Expectation e = s.expected() == null ? new Expectation(List.copyOf(lines), contentLine)
                    : new Expectation(concat(s.expected().lines(), lines), s.expected().line());
            g.shell.action = new Action.Shell(s.script(), s.scriptLine(), e);
            g.shell.toLine = Math.max(g.shell.toLine, lastLine);
            return;
        }
        if (SHELL.contains(lang)) {
            String script = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
            if (script.isBlank()) {
                problems.warn("empty-shell", line, column, "empty " + lang + " block");
            }
            if (g.shell == null) {
                g.shell = g.add(g.name(), line, column, lastLine, new Action.Shell(script, contentLine, null));
            } else {
                Action.Shell s = (Action.Shell) g.shell.action;
                g.shell.action = new Action.Shell(s.script() + "\n" + script, s.scriptLine(), s.expected());
                g.shell.toLine = lastLine;
            }
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

    private void directive(GroupState g, FencedCodeBlock f, int line, int column) {
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
            Draft step = g.add(d.title(), line, column, MarkdownText.lastLine(f), d.action());
            step.apply(d);
            if (d.id() != null) {
                step.explicitId = d.id();
                step.idLine = d.idLine();
                step.idColumn = d.idColumn();
            }
        } else {
            g.policies.add(new Policy(d, line, column));
        }
    }

    /** A fence without a language in an executable section: prose steps a person performs. */
    private void plainBlock(GroupState g, String literal, int line, int column) {
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
            prose.add(new Prose(g, literal, line + 1, 1));
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
            prose.add(new Prose(g, text, line + 1 + from, 1));
            for (int i = from + 1; i < to; i++) {
                prose.add(new Prose(g, lines.get(i), line + 1 + i, 1));
            }
        }
    }

    private void bullets(GroupState g, BulletList list) {
        for (Node n = list.getFirstChild(); n != null; n = n.getNext()) {
            ListItem item = (ListItem) n;
            if (!(item.getFirstChild() instanceof TaskListItemMarker)) {
                g.note(MarkdownText.plain(item), item);
                g.pendingNotes.addAll(details(g, item));
                continue;
            }
            String text = MarkdownText.plain(item);
            String command = null;
            for (Node para = item.getFirstChild(); para != null && command == null; para = para.getNext()) {
                if (para instanceof Paragraph) {
                    command = commandIn(para);
                }
            }
            List<String> details = details(g, item);
            Draft d = g.add(text, item, command != null ? new Action.Check(text, command) : new Action.Manual(text, details));
            if (command != null) {
                d.notes.addAll(details);
            }
            prose.add(new Prose(g, text, d.line, d.column));
        }
    }

    /** The first inline code span that reads like a command line; {@code package.json} does not. */
    private static String commandIn(Node paragraph) {
        for (Node c = paragraph.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof Code code && code.getLiteral().strip().matches(".*\\S\\s+\\S.*")) {
                return code.getLiteral().strip();
            }
        }
        return null;
    }

    /** Texts of an item's nested list items, registered as prose for lint. */
    private List<String> details(GroupState g, ListItem item) {
        List<String> out = new ArrayList<>();
        for (Node c = item.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof ListBlock nested) {
                for (Node sub = nested.getFirstChild(); sub != null; sub = sub.getNext()) {
                    String text = MarkdownText.plain(sub);
                    out.add(text);
                    prose.add(new Prose(g, text, MarkdownText.line(sub), MarkdownText.column(sub)));
                }
            }
        }
        return out;
    }

    private void manualItem(GroupState g, ListItem item) {
        String text = MarkdownText.plain(item);
        List<String> details = details(g, item);
        Draft d = g.add(text, item, new Action.Manual(text, details));
        prose.add(new Prose(g, text, d.line, d.column));
    }

    private void quote(GroupState g, BlockQuote q) {
        String text = MarkdownText.plain(q);
        boolean gate = text.startsWith("GATE:");
        for (Node n = q.getFirstChild(); n != null && !gate; n = n.getNext()) {
            for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
                if (c instanceof StrongEmphasis s && MarkdownText.plain(s).strip().equals("GATE")) {
                    gate = true;
                }
            }
        }
        if (gate) {
            g.add("Gate: " + g.name(), q, new Action.Gate(Slugs.slug(g.name()), text));
        } else {
            g.note(text, q);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

}
