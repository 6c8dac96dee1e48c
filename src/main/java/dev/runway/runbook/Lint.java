package dev.runway.runbook;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warnings about what looks risky or ambiguous (DESIGN.md, "runway lint"). Warnings never stop
 * a run; they say where the document and what Runway will do may differ from what the author
 * meant. The one error raised from here is {@link GatePolicyCheck}'s misnamed gate, because it
 * would let anyone approve.
 */
final class Lint {
    private static final Pattern ROLLBACK = Pattern.compile(
            "(?i)(helm\\s+rollback|rollout\\s+undo|git\\s+revert|--rollback\\b|\\brollback\\b)");
    private static final Pattern LATEST = Pattern.compile(":latest\\b");
    private static final Pattern PAUSE = Pattern.compile(
            "(?i)\\b(wait|hold|monitor|observe|sleep|pause)\\b[^.;\\n]*?\\b(\\d+)\\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?)\\b");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9]");

    private final Problems problems;
    private final FrontMatter front;
    private final DocumentHead head;

    Lint(Problems problems, FrontMatter front, DocumentHead head) {
        this.problems = problems;
        this.front = front;
        this.head = head;
    }

    void run(List<Draft> drafts, List<Section> sections, List<Prose> prose) {
        for (Section s : sections) {
            if (s.role() == Section.Role.ROLLBACK && drafts.stream().noneMatch(d -> d.section.equals(s.title()) && d.rollback)) {
                problems.warn("empty-rollback", s.line(), 1, "rollback section \"" + s.title()
                        + "\" has no steps; its text is shown as notes only");
            }
        }
        new RollbackLint(problems, front, head).run(drafts, sections);
        Set<Object> timedGroups = new HashSet<>();
        for (Draft d : drafts) {
            if (d.action instanceof Action.Wait || d.action instanceof Action.Observe) {
                timedGroups.add(d.group);
            }
        }
        Set<Object> warned = new HashSet<>();
        for (Prose p : prose) {
            Matcher m = PAUSE.matcher(p.text());
            if (m.find() && !timedGroups.contains(p.group()) && warned.add(p.group())) {
                problems.warn("untimed-pause", p.line(), p.column(), "text asks to " + m.group(1).toLowerCase()
                        + " for " + m.group(2) + " " + m.group(3) + " but no wait or observe directive makes it a timed step");
            }
        }
        boolean baseUrl = front.vars().containsKey("base_url");
        GatePolicyCheck gates = new GatePolicyCheck(problems, front);
        for (Draft d : drafts) {
            switch (d.action) {
                case Action.Shell s -> {
                    command(d, withoutComments(s.script()));
                    if (s.expected() != null && !hasLiteral(s.expected())) {
                        problems.warn("vague-expectation", s.expected().line(), 1,
                                "expected output has no literal text to match; any output passes");
                    }
                }
                case Action.Check c -> command(d, c.command());
                case Action.Gate g -> gates.check(d, g);
                case Action.Http h -> {
                    if (h.url().startsWith("/") && !baseUrl) {
                        problems.warn("relative-url", d.line, d.column, "request \"" + h.method() + " " + h.url()
                                + "\" has a relative URL but no base_url variable is declared");
                    }
                }
                case Action.Manual m -> { }
                case Action.Wait w -> { }
                case Action.Observe o -> { }
            }
        }
    }

    private void command(Draft d, String command) {
        if (!d.rollback) {
            Matcher m = ROLLBACK.matcher(command);
            if (m.find()) {
                problems.warn("rollback-outside-rollback", d.line, d.column, "command \"" + m.group(1)
                        + "\" looks like a rollback but is outside the rollback section");
            }
        }
        if (LATEST.matcher(command).find()) {
            problems.warn("latest-tag", d.line, d.column,
                    "command uses the \":latest\" image tag; pin a version or digest so the release is reproducible");
        }
    }

    private static String withoutComments(String script) {
        StringBuilder sb = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            if (!line.strip().startsWith("#")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** Literal text left once undeclared placeholders, "..." and number tokens are taken out. */
    private boolean hasLiteral(Expectation e) {
        for (String line : e.lines()) {
            String rest = Placeholders.substitute(line, name -> front.vars().containsKey(name) || front.secrets().contains(name) ? null : "");
            if (!Placeholders.find(rest).isEmpty()) {
                return true;
            }
            rest = rest.replace("...", "").replaceAll("(?<![A-Za-z0-9_])N(?![A-Za-z0-9_])", "");
            if (LITERAL.matcher(rest).find()) {
                return true;
            }
        }
        return false;
    }
}
