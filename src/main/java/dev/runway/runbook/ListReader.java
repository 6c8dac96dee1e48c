package dev.runway.runbook;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * Lists of a group: a {@code - [ ]} item is a check when it holds a command in inline code
 * ({@link InlineCommand}) and a manual task otherwise; other bullets are notes; an ordered list
 * is manual tasks unless its group has a shell block (then it only describes the script).
 */
final class ListReader {

    private ListReader() {}

    static void bullets(Group g, BulletList list, Problems problems) {
        for (Node n = list.getFirstChild(); n != null; n = n.getNext()) {
            ListItem item = (ListItem) n;
            if (!(item.getFirstChild() instanceof TaskListItemMarker)) {
                g.note(MarkdownText.plain(item), item);
                g.pendingNotes.addAll(details(g, item));
                continue;
            }
            String text = MarkdownText.plain(item);
            List<Code> spans = new ArrayList<>();
            for (Node para = item.getFirstChild(); para != null; para = para.getNext()) {
                if (para instanceof Paragraph) {
                    for (Node c = para.getFirstChild(); c != null; c = c.getNext()) {
                        if (c instanceof Code code && !code.getLiteral().isBlank()) spans.add(code);
                    }
                }
            }
            Code command = spans.stream().filter(c -> InlineCommand.read(c.getLiteral()) == InlineCommand.Reading.COMMAND)
                    .findFirst().orElse(null);
            List<String> details = details(g, item);
            Draft d = g.add(text, item, command != null ? new Action.Check(text, command.getLiteral().strip())
                    : new Action.Manual(text, details));
            if (command != null) {
                d.notes.addAll(details);
            } else if (!spans.isEmpty()) {
                notACommand(problems, text, spans.get(0));
            }
            g.prose(text, d.line, d.column);
        }
    }

    /** A checklist item with inline code that is not run must not look like a check that is. */
    private static void notACommand(Problems problems, String text, Code code) {
        String literal = code.getLiteral().strip();
        String why = InlineCommand.read(literal) == InlineCommand.Reading.FILE
                ? "names a file, not a command; a person confirms it"
                : "is not recognised as a command; to run it, write it with its arguments (`" + literal + " …`) or as a path (`./"
                        + literal + "`), or put it in a ```bash block";
        problems.warn("manual-check", MarkdownText.line(code), MarkdownText.column(code), "check item \"" + shortened(text)
                + "\" is treated as a manual task: inline code `" + literal + "` " + why);
    }

    private static String shortened(String text) {
        return text.length() <= 60 ? text : text.substring(0, 59) + "…";
    }

    static void manualItem(Group g, ListItem item) {
        String text = MarkdownText.plain(item);
        List<String> details = details(g, item);
        Draft d = g.add(text, item, new Action.Manual(text, details));
        g.prose(text, d.line, d.column);
    }

    /** Texts of an item's nested list items, registered as prose for lint. */
    private static List<String> details(Group g, ListItem item) {
        List<String> out = new ArrayList<>();
        for (Node c = item.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof ListBlock nested) {
                for (Node sub = nested.getFirstChild(); sub != null; sub = sub.getNext()) {
                    String text = MarkdownText.plain(sub);
                    out.add(text);
                    g.prose(text, MarkdownText.line(sub), MarkdownText.column(sub));
                }
            }
        }
        return out;
    }
}
