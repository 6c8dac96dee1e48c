package dev.runway.runbook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Checks every {@code {name}} a runbook uses against its front matter: in the steps' texts,
 * their titles and the runbook's title. With declared vars, an unknown name is an error (a typo
 * would otherwise reach a production command). Without any, the runbook is a loose document
 * such as the agent seed: every name used becomes a required variable, declared where it is
 * first used, with one warning each.
 */
final class VariableUses {
    private final Problems problems;
    private final String[] lines;
    private final FrontMatter front;
    private final boolean strict;
    private final Map<String, FrontMatter.VarSpec> vars;
    private final Set<String> reported = new HashSet<>();

    VariableUses(Problems problems, String[] lines, FrontMatter front) {
        this.problems = problems;
        this.lines = lines;
        this.front = front;
        this.strict = !front.vars().isEmpty();
        this.vars = new LinkedHashMap<>(front.vars());
    }

    /** The front matter with the variables declared by use added. */
    FrontMatter check(List<Draft> drafts, Map<Draft, String> ids, DocumentHead head) {
        for (Draft d : drafts) {
            List<String> texts = new ArrayList<>(checkedTexts(d.action));
            texts.add(d.title);
            for (String text : texts) {
                for (Placeholders.Use use : Placeholders.find(text)) {
                    use(use.name(), locate(use.name(), d), "step \"" + ids.get(d) + "\"");
                }
            }
        }
        // The title last: a variable it shares with a step is reported (and declared) where the step uses it.
        if (head.title() != null) {
            for (Placeholders.Use use : Placeholders.find(head.title())) {
                Position at = find(use.name(), head.titleLine(), head.titleLine());
                use(use.name(), at != null ? at : new Position(Math.max(1, head.titleLine()), 1), "the title");
            }
        }
        unused(drafts);
        return new FrontMatter(front.name(), front.environment(), vars, front.secrets(), front.approvals(),
                front.informational(), front.onFailure(), front.rollbackDeadline(), front.productionFrom(), front.extra());
    }

    private void use(String name, Position at, String who) {
        if (vars.containsKey(name) || front.secrets().contains(name)) {
            return;
        }
        if (strict) {
            if (reported.add(name + "@" + at)) {
                problems.error("undeclared-variable", at.line(), at.column(), who + " uses undeclared variable \"" + name + "\"");
            }
        } else {
            problems.warn("implicit-variable", at.line(), at.column(), "variable \"" + name
                    + "\" is used but never declared; it will be required at run time");
            vars.put(name, new FrontMatter.VarSpec(name, true, null, null, null, at.line(), at.column()));
        }
    }

    /**
     * A declared variable that nothing refers to is usually a leftover or a misspelling of the
     * one the steps use. Any {@code {name}} in the file counts (prose and informational sections
     * included, since people read them with the values), and so do the two variables Runway
     * reads by name: {@code base_url} for relative URLs and {@code prometheus_url} for Prometheus
     * monitors without {@code url:}.
     */
    private void unused(List<Draft> drafts) {
        Set<String> referenced = new HashSet<>();
        for (String line : lines) {
            Placeholders.find(line).forEach(u -> referenced.add(u.name()));
        }
        if (drafts.stream().anyMatch(d -> d.action instanceof Action.Http h && h.url().startsWith("/"))) {
            referenced.add("base_url");
        }
        if (front.extra().get("monitors") instanceof Map<?, ?> monitors && monitors.values().stream()
                .anyMatch(m -> m instanceof Map<?, ?> spec && spec.containsKey("prometheus") && !spec.containsKey("url"))) {
            referenced.add("prometheus_url");
        }
        for (FrontMatter.VarSpec spec : front.vars().values()) {
            if (!referenced.contains(spec.name())) {
                problems.warn("unused-variable", spec.line(), spec.column(),
                        "variable \"" + spec.name() + "\" is declared but never used");
            }
        }
    }

    /** Texts in which a {@code {name}} must be a declared variable or a secret. */
    static List<String> checkedTexts(Action action) {
        return switch (action) {
            case Action.Shell s -> List.of(s.script());
            case Action.Check c -> List.of(c.command());
            case Action.Manual m -> {
                List<String> all = new ArrayList<>(List.of(m.text()));
                all.addAll(m.details());
                yield all;
            }
            case Action.Gate g -> List.of(g.text());
            case Action.Http h -> {
                List<String> all = new ArrayList<>(List.of(h.url()));
                all.addAll(h.headers().values());
                if (h.body() != null) {
                    all.add(h.body());
                }
                yield all;
            }
            case Action.Wait w -> List.of();
            case Action.Observe o -> List.of();
        };
    }

    /**
     * The first written {@code {name}} within the draft's lines, else in the heading its title
     * comes from, else the draft's own position.
     */
    private Position locate(String name, Draft d) {
        Position at = find(name, d.line, d.toLine);
        if (at == null) at = find(name, d.headingLine, d.headingLine);
        return at != null ? at : new Position(d.line, d.column);
    }

    /** The column of the reference's {@code {}, so lint and run point at the same character. */
    private Position find(String name, int from, int to) {
        for (int l = Math.max(1, from); l <= Math.min(to, lines.length); l++) {
            Matcher m = Placeholders.VARIABLE.matcher(lines[l - 1]);
            while (m.find()) {
                if (m.group(1).equals(name)) {
                    return new Position(l, m.start() + 1);
                }
            }
        }
        return null;
    }
}
