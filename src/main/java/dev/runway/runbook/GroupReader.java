package dev.runway.runbook;

import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;

/**
 * Turns one complete group's blocks into drafts, in document order. A group is read only once
 * it is complete because whether an ordered list is a list of manual tasks depends on whether
 * the group has a shell block anywhere, and policy-only directives apply to all its commands.
 */
final class GroupReader {
    private static final Pattern EXPECTED = Pattern.compile("(?i)expected output\\s*:?");

    private final Problems problems;
    private final FenceReader fences;

    GroupReader(Problems problems) {
        this.problems = problems;
        this.fences = new FenceReader(problems);
    }

    void read(Group g) {
        if (g.section.role == Section.Role.INFORMATIONAL) {
            return;
        }
        boolean hasShell = g.blocks.stream().anyMatch(b -> b instanceof FencedCodeBlock f && FenceReader.SHELL.contains(FenceReader.info(f)));
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
                case FencedCodeBlock f -> fences.read(g, f, expected);
                case BulletList list -> ListReader.bullets(g, list, problems);
                case OrderedList list -> {
                    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                        if (hasShell) {
                            g.note(MarkdownText.plain(item), item);
                        } else {
                            ListReader.manualItem(g, (ListItem) item);
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
        g.policies.forEach(p -> applyPolicy(g, p));
        warnIfNothingToDo(g);
    }

    /**
     * A step heading whose blocks make no step is dropped from the plan, and the run passes it
     * without a word: "### Notify support" with a sentence under it would be skipped where the
     * author expected a task. Not said again where a problem under the heading (a fence not
     * closed, a command that is not run, a directive in a comment) already says why.
     */
    private void warnIfNothingToDo(Group g) {
        if (g.heading == null || !g.made.isEmpty() || !g.policies.isEmpty()) return;
        int end = g.blocks.isEmpty() ? g.line : MarkdownText.lastLine(g.blocks.get(g.blocks.size() - 1));
        if (problems.anyOnLines(g.line, end)) return;
        problems.warn("no-step", g.line, 1, "heading \"" + g.heading + "\" has no command, check, task, gate or directive,"
                + " so no step runs or waits here; write what a person must do as \"- [ ] ...\", or the gate as a GATE"
                + " blockquote or a ```runway block");
    }

    private void applyPolicy(Group g, Group.Policy p) {
        List<Draft> targets = g.made.stream()
                .filter(d -> d.action instanceof Action.Shell || d.action instanceof Action.Check).toList();
        if (targets.isEmpty()) {
            problems.warn("directive-unused", p.line(), p.column(),
                    "runway directive sets policy but \"" + g.name() + "\" has no command or check to apply it to");
            return;
        }
        targets.forEach(d -> d.apply(p.directive()));
        if (p.directive().id() == null) {
            return;
        }
        if (targets.size() == 1) {
            Draft d = targets.get(0);
            d.explicitId = p.directive().id();
            d.idLine = p.directive().idLine();
            d.idColumn = p.directive().idColumn();
        } else {
            problems.error("ambiguous-id", p.directive().idLine(), p.directive().idColumn(), "directive id \""
                    + p.directive().id() + "\" needs exactly one command or check in \"" + g.name()
                    + "\", found " + targets.size());
        }
    }

    /** A blockquote is a gate when it starts with "GATE:" or holds a bold GATE; otherwise a note. */
    private static void quote(Group g, BlockQuote q) {
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
}
