package dev.runway.runbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a YAML runbook: the front matter keys at top level, plus {@code title}, {@code steps}
 * and {@code rollback}. Each step is a mapping with one action key ({@code run}, {@code check},
 * {@code manual}, {@code gate}, {@code wait}, {@code http}, {@code observe}) and the same policy
 * keys as a {@code runway} directive, so both forms yield the same model.
 *
 * <pre>
 * steps:
 *   - id: build
 *     section: Build
 *     run: make release
 *     expect: ["BUILD SUCCESS"]
 * </pre>
 */
final class YamlRunbookParser {
    private static final Set<String> OWN = Set.of("title", "steps", "rollback");
    private static final Set<String> STEP_EXTRA = Set.of("section", "title", "run", "check", "command", "notes", "details", "expect");
    private static final List<String> ACTIONS = List.of("run", "check", "manual", "gate", "wait", "http", "observe");

    private final Problems problems;
    private final YamlValues values;
    private final DirectiveReader directives;

    YamlRunbookParser(Problems problems) {
        this.problems = problems;
        this.values = new YamlValues(problems);
        this.directives = new DirectiveReader(problems);
    }

    Runbook parse(String source) {
        YamlNode.Result r = YamlNode.read(source, 0, 0);
        FrontMatter front = FrontMatterReader.empty();
        String title = null;
        int titleLine = 0;
        Map<String, Position> keys = Map.of();
        List<Draft> drafts = new ArrayList<>();
        Map<String, Section> sections = new LinkedHashMap<>();
        if (r.failure() != null) {
            problems.error("yaml", r.failure().line(), r.failure().column(), "invalid YAML: " + r.failure().message());
        } else if (!(r.root() instanceof YamlNode.Mapping root)) {
            YamlNode n = r.root();
            problems.error("yaml-shape", n == null ? 1 : n.line(), n == null ? 1 : n.column(),
                    "a YAML runbook must be a mapping with title, steps and rollback");
        } else {
            FrontMatterReader reader = new FrontMatterReader(problems);
            front = reader.read(root, OWN);
            keys = reader.keys();
            YamlNode.Mapping.Entry t = root.entries().get("title");
            title = t == null ? null : values.text(t.value(), "title");
            titleLine = t == null ? 0 : t.value().line();
            for (String list : List.of("steps", "rollback")) {
                YamlNode.Mapping.Entry e = root.entries().get(list);
                if (e == null) {
                    continue;
                }
                if (!(e.value() instanceof YamlNode.Sequence q)) {
                    problems.error("yaml-shape", e.value().line(), e.value().column(),
                            "\"" + list + "\" must be a list of steps, not " + YamlNode.describe(e.value()));
                    continue;
                }
                for (YamlNode item : q.items()) {
                    Draft d = step(item, list.equals("rollback"));
                    if (d != null) {
                        drafts.add(d);
                        sections.putIfAbsent(d.section, new Section(d.section, d.line,
                                d.rollback ? Section.Role.ROLLBACK : Section.Role.PHASE, List.of()));
                    }
                }
            }
        }
        int last = source.split("\n", -1).length;
        for (int i = drafts.size() - 1; i >= 0; i--) {
            drafts.get(i).toLine = last;
            last = drafts.get(i).line - 1;
        }
        return new StepAssembler(problems, source).assemble(new DocumentHead(title, titleLine, keys), front,
                List.copyOf(sections.values()), drafts, List.of());
    }

    private Draft step(YamlNode item, boolean rollback) {
        YamlNode.Mapping m = values.mapping(item, rollback ? "rollback" : "steps");
        if (m == null) {
            return null;
        }
        List<String> present = ACTIONS.stream().filter(m.entries()::containsKey).toList();
        if (present.isEmpty()) {
            problems.error("no-action", m.line(), m.column(), "step has no action (use one of: "
                    + String.join(", ", new TreeSet<>(ACTIONS)) + ")");
            return null;
        }
        if (present.size() > 1) {
            YamlNode.Mapping.Entry second = m.entries().get(present.get(1));
            problems.error("several-actions", second.line(), second.column(),
                    "more than one action in one step: " + String.join(", ", present));
            return null;
        }
        String action = present.get(0);
        boolean own = action.equals("run") || action.equals("check");
        Set<String> ignore = new TreeSet<>(STEP_EXTRA);
        if (action.equals("http")) {
            ignore.remove("expect");
        }
        // Keys known to YAML steps: every directive key plus the step's own.
        Draft.Directive d = directives.read(without(m, own ? Set.of("run", "check") : Set.of()), ignore, "step key");
        if (d == null) {
            return null;
        }
        String section = text(m, "section", rollback ? "Rollback" : "Steps");
        String title = text(m, "title", null);
        Action a = d.action();
        if (action.equals("run")) {
            YamlNode run = m.entries().get("run").value();
            String script = values.text(run, "run");
            if (script == null) {
                return null;
            }
            int scriptLine = script.contains("\n") && run.line() == m.entries().get("run").line() ? run.line() + 1 : run.line();
            a = new Action.Shell(script.endsWith("\n") ? script.substring(0, script.length() - 1) : script,
                    scriptLine, expectation(m.entries().get("expect")));
        } else if (action.equals("check")) {
            String text = values.text(m.entries().get("check").value(), "check");
            String command = text(m, "command", null);
            a = command != null ? new Action.Check(text, command) : new Action.Manual(text, List.of());
        } else if (m.entries().containsKey("expect") && !action.equals("http")) {
            YamlNode.Mapping.Entry e = m.entries().get("expect");
            problems.error("misplaced-key", e.line(), e.column(), "\"expect\" needs \"run\" or \"http\" in the same step");
        }
        if (a instanceof Action.Manual man && m.entries().containsKey("details")) {
            a = new Action.Manual(man.text(), values.texts(m.entries().get("details").value(), "details"));
        }
        if (title == null) {
            title = d.title() != null ? d.title() : a instanceof Action.Check c ? c.text()
                    : d.id() != null ? d.id() : section;
        }
        Draft draft = new Draft(new Object(), Slugs.id(title), section, rollback, title, m.line(), m.column(), a);
        draft.take(d);
        YamlNode.Mapping.Entry notes = m.entries().get("notes");
        if (notes != null) {
            draft.notes.addAll(values.texts(notes.value(), "notes"));
        }
        return draft;
    }

    private static YamlNode.Mapping without(YamlNode.Mapping m, Set<String> keys) {
        Map<String, YamlNode.Mapping.Entry> copy = new LinkedHashMap<>(m.entries());
        copy.keySet().removeAll(keys);
        return new YamlNode.Mapping(copy, m.line(), m.column());
    }

    private String text(YamlNode.Mapping m, String key, String fallback) {
        YamlNode.Mapping.Entry e = m.entries().get(key);
        if (e == null) {
            return fallback;
        }
        String t = values.text(e.value(), key);
        return t == null ? fallback : t;
    }

    private Expectation expectation(YamlNode.Mapping.Entry e) {
        if (e == null) {
            return null;
        }
        if (e.value() instanceof YamlNode.Scalar s && s.text() != null) {
            return new Expectation(List.of(s.text().split("\n")), s.line());
        }
        return new Expectation(List.copyOf(values.texts(e.value(), "expect")), e.value().line());
    }
}
