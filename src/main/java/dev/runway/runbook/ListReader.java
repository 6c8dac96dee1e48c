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
 * Lists of a group: a {@code - [ ]} item is a check when it holds a command in inline code and a
 * manual task otherwise; other bullets are notes; an ordered list is manual tasks unless its
 * group has a shell block (then it only describes the script).
 */
final class ListReader {

    private ListReader() {}

    static void bullets(Group g, BulletList list) {
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
            g.prose(text, d.line, d.column);
        }
    }

    static void manualItem(Group g, ListItem item) {
        String text = MarkdownText.plain(item);
        List<String> details = details(g, item);
        Draft d = g.add(text, item, new Action.Manual(text, details));
        g.prose(text, d.line, d.column);
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
