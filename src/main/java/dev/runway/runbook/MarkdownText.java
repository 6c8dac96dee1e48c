package dev.runway.runbook;

import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;

/** Plain text and positions of commonmark nodes. */
final class MarkdownText {
    private MarkdownText() {}

    /** The readable text of a node: emphasis and links dropped, code spans kept without backticks, nested lists left out. */
    static String plain(Node node) {
        StringBuilder sb = new StringBuilder();
        append(node, sb);
        return sb.toString().replaceAll("[ \\t]+", " ").strip();
    }

    private static void append(Node node, StringBuilder sb) {
        if (node instanceof Text t) {
            sb.append(t.getLiteral());
        } else if (node instanceof Code c) {
            sb.append(c.getLiteral());
        } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
            sb.append(' ');
        } else if (node instanceof ListBlock) {
            return;
        } else {
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                if (!sb.isEmpty() && child.getPrevious() != null && child instanceof org.commonmark.node.Block) {
                    sb.append(' ');
                }
                append(child, sb);
            }
        }
    }

    static int line(Node node) {
        var spans = node.getSourceSpans();
        return spans.isEmpty() ? 1 : spans.get(0).getLineIndex() + 1;
    }

    static int column(Node node) {
        var spans = node.getSourceSpans();
        return spans.isEmpty() ? 1 : spans.get(0).getColumnIndex() + 1;
    }

    static int lastLine(Node node) {
        var spans = node.getSourceSpans();
        if (spans.isEmpty()) {
            return line(node);
        }
        SourceSpan last = spans.get(spans.size() - 1);
        return last.getLineIndex() + 1;
    }
}
