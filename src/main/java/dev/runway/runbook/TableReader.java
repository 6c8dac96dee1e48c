package dev.runway.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.node.Node;

/**
 * GFM tables: a Test/Expected table is a smoke-test list (HTTP where the Expected cell is a request
 * such as {@code GET /health -> 200}, or the Test cell a request such as {@code GET /health} and
 * the Expected cell its status, {@code 200} or {@code -> 200}), a table with {@code [ ]} cells is a checklist, anything else
 * is notes.
 */
final class TableReader {
    private static final Pattern REQUEST = Pattern.compile(
            "\\b(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\\s+(\\S+)\\s*(?:->|→)\\s*(\\d{3})\\b");
    /** A request on its own in the Test column: {@code GET /health}, {@code GET {base_url}/health}. */
    private static final Pattern TEST_REQUEST = Pattern.compile(
            "\\b(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\\s+((?:/|https?://|\\{)\\S*)");
    /** The status in the Expected column when the request is in Test: {@code 200}, {@code -> 200}, {@code HTTP 200 OK}. */
    private static final Pattern STATUS = Pattern.compile("^(?:(?:->|→)\\s*)?(?:(?i:HTTP|status)\\s*)?(\\d{3})\\b.*");
    private static final Pattern CHECKBOX = Pattern.compile("\\[[ xX]?\\]");

    /** Where the table's tasks and notes go. */
    interface Sink {
        Draft add(String title, Node at, Action action);

        void note(String text, Node at);
    }

    record Row(Node node, List<String> cells) {
        String cell(int i) {
            return i >= 0 && i < cells.size() ? cells.get(i) : "";
        }
    }

    void read(TableBlock table, String group, Sink sink) {
        List<String> header = List.of();
        List<Row> rows = new ArrayList<>();
        for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
            for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                List<String> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    cells.add(MarkdownText.plain(cell));
                }
                if (part instanceof TableHead) {
                    header = cells;
                } else if (part instanceof TableBody && cells.stream().anyMatch(c -> !c.isBlank())) {
                    rows.add(new Row(row, cells));
                }
            }
        }
        int test = column(header, "test");
        int expected = column(header, "expected");
        int type = indexOf(header, "type", "severity");
        if (test >= 0 && expected >= 0) {
            for (Row r : rows) {
                smoke(r, r.cell(test), r.cell(expected), r.cell(type).toLowerCase(Locale.ROOT), sink);
            }
            return;
        }
        List<Integer> boxes = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            final int col = c;
            if (!rows.isEmpty() && rows.stream().anyMatch(r -> CHECKBOX.matcher(r.cell(col)).matches())) {
                boxes.add(c);
            }
        }
        for (Row r : rows) {
            if (boxes.isEmpty()) {
                sink.note(String.join(" | ", r.cells()), r.node());
                continue;
            }
            String title = null;
            List<String> details = new ArrayList<>();
            for (int c = 0; c < r.cells().size(); c++) {
                String v = r.cell(c);
                if (boxes.contains(c) || v.isBlank()) {
                    continue;
                }
                if (title == null) {
                    title = v;
                } else {
                    details.add((c < header.size() ? header.get(c) + ": " : "") + v);
                }
            }
            if (title != null) {
                sink.add(title, r.node(), new Action.Manual(title, List.copyOf(details)));
            }
        }
    }

    private static void smoke(Row r, String test, String expected, String type, Sink sink) {
        String severity = type.equals("critical") || type.equals("major") ? type : null;
        Matcher m = REQUEST.matcher(expected);
        Matcher inTest = TEST_REQUEST.matcher(test);
        Matcher status = STATUS.matcher(expected.strip());
        if (m.find()) {
            sink.add(test.isBlank() ? m.group(1) + " " + m.group(2) : test, r.node(), http(m.group(1), m.group(2), m.group(3), severity));
        } else if (inTest.find() && status.matches()) {
            // The request written as the test, its status as what is expected: | GET /health | 200 | Critical |
            sink.add(test, r.node(), http(inTest.group(1), inTest.group(2), status.group(1), severity));
        } else {
            String text = expected.isBlank() ? test : test + ": " + expected;
            sink.add(text, r.node(), new Action.Manual(text, List.of()));
        }
    }

    private static Action.Http http(String method, String url, String status, String severity) {
        return new Action.Http(method, url, java.util.Map.of(), null,
                new Action.HttpExpectation(Integer.parseInt(status), java.util.Map.of(), null, null), severity);
    }

    private static int column(List<String> header, String prefix) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(List<String> header, String... names) {
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).toLowerCase(Locale.ROOT).strip();
            for (String n : names) {
                if (h.equals(n)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
