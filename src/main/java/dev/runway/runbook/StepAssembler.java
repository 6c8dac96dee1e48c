package dev.runway.runbook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns drafts into steps once the whole document is known: assigns ids, settles policies,
 * checks variable uses against the front matter and runs lint. Shared by the Markdown and the
 * YAML reader so both forms mean the same thing.
 */
final class StepAssembler {
    private final Problems problems;
    private final String[] lines;

    StepAssembler(Problems problems, String source) {
        this.problems = problems;
        this.lines = source.split("\n", -1);
    }

    Runbook assemble(DocumentHead head, FrontMatter front, List<Section> sections, List<Draft> drafts,
                     List<Prose> prose) {
        String title = head.title();
        Map<Draft, String> ids = ids(drafts);
        FrontMatter checked = new VariableUses(problems, lines, front).check(drafts, ids, head);
        new Lint(problems, checked, head).run(drafts, sections, prose);
        List<Step> steps = new ArrayList<>();
        for (Draft d : drafts) {
            steps.add(new Step(ids.get(d), d.section, d.title, d.line, d.column, d.rollback, d.action,
                    d.policy(checked.onFailure()), List.copyOf(d.notes)));
        }
        String name = checked.name() != null ? checked.name() : title != null ? title : baseName(problems.file());
        FrontMatter named = new FrontMatter(name, checked.environment(), checked.vars(), checked.secrets(),
                checked.approvals(), checked.informational(), checked.onFailure(), checked.rollbackDeadline(),
                checked.productionFrom(), checked.extra());
        return new Runbook(problems.file(), title, named, List.copyOf(sections), List.copyOf(steps), problems.sorted(),
                String.join("\n", lines));
    }

    private static String baseName(String file) {
        String name = java.nio.file.Path.of(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Explicit ids first (so an auto id never takes a name the author chose), then auto ids in
     * document order: the group's slug, with -1, -2 … when the group has several steps, and -2,
     * -3 … on collision.
     */
    private Map<Draft, String> ids(List<Draft> drafts) {
        Map<Draft, String> ids = new HashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (Draft d : drafts) {
            if (d.explicitId == null) {
                continue;
            }
            Integer first = firstLine.putIfAbsent(d.explicitId, d.idLine);
            if (first != null) {
                problems.error("duplicate-id", d.idLine, d.idColumn,
                        "duplicate step id \"" + d.explicitId + "\" (first at line " + first + ")");
            }
            ids.put(d, d.explicitId);
        }
        Map<Object, List<Draft>> groups = new LinkedHashMap<>();
        drafts.forEach(d -> groups.computeIfAbsent(d.group, k -> new ArrayList<>()).add(d));
        for (Draft d : drafts) {
            if (d.explicitId != null) {
                continue;
            }
            List<Draft> group = groups.get(d.group);
            String id = group.size() == 1 ? d.idBase : d.idBase + "-" + (group.indexOf(d) + 1);
            String candidate = id;
            for (int k = 2; firstLine.containsKey(candidate); k++) {
                candidate = id + "-" + k;
            }
            firstLine.put(candidate, d.line);
            ids.put(d, candidate);
        }
        sameTitles(groups, ids);
        return ids;
    }

    /**
     * Two groups with the same title (or titles with the same slug) get ids that differ only by
     * a suffix the author never wrote, which is what people then type in {@code runway logs
     * --step}; say so at the second title, naming the first.
     */
    private void sameTitles(Map<Object, List<Draft>> groups, Map<Draft, String> ids) {
        Map<String, Draft> first = new HashMap<>();
        for (List<Draft> group : groups.values()) {
            Draft d = group.get(0);
            Draft earlier = first.putIfAbsent(d.idBase, d);
            List<String> auto = group.stream().filter(g -> g.explicitId == null).map(g -> "\"" + ids.get(g) + "\"").toList();
            if (earlier == null || auto.isEmpty()) {
                continue;
            }
            String same = earlier.heading.equals(d.heading) ? "duplicate step title \"" + d.heading + "\" (also at line "
                    + earlier.headingLine + ")" : "step title \"" + d.heading + "\" gives the same id as \"" + earlier.heading
                    + "\" at line " + earlier.headingLine;
            problems.warn("duplicate-title", d.headingLine, 1, same + ": " + (auto.size() == 1 ? "its step gets the id "
                    : "its steps get the ids ") + String.join(", ", auto) + "; give it another title or an id in a ```runway block");
        }
    }
}
