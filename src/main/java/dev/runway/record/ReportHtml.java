package dev.runway.record;

import dev.runway.engine.RunState;
import dev.runway.plan.Plan;
import gg.jte.html.escape.Escape;
import gg.jte.output.StringOutput;
import java.time.Duration;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The executed runbook as HTML: a timeline of the steps, then the Markdown record rendered.
 * Runbook text and step output are whatever their authors and commands wrote: raw HTML in them
 * is shown as text, links go only to safe schemes, and every value this class writes goes
 * through jte's HTML escaping, as the web UI's templates do.
 *
 * <pre>{@code
 * Files.writeString(Path.of("report.html"), ReportHtml.page(state, plan)); // opens anywhere, offline
 * }</pre>
 */
public final class ReportHtml {

    private static final List<org.commonmark.Extension> MARKDOWN = List.of(TablesExtension.create(), TaskListItemsExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(MARKDOWN).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(MARKDOWN).escapeHtml(true).sanitizeUrls(true).build();
    /** The timeline's bars are drawn on this many units of width, the run's whole span. */
    private static final int WIDTH = 1000;

    /** Everything inline (styles, bars as SVG), no scripts, nothing fetched: the file is evidence that opens offline. */
    private static final String STYLE = """
            body{font:15px/1.5 system-ui,sans-serif;color:#1f2328;max-width:72rem;margin:2rem auto;padding:0 1rem}
            table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}
            code,pre{font-family:ui-monospace,monospace;font-size:90%}pre{background:#f6f8fa;padding:.6rem;overflow-x:auto}
            blockquote{border-left:4px solid #d0d7de;margin:0;padding:0 1rem;color:#444}
            .timeline td.when{width:30%;min-width:12rem}.timeline svg{width:100%;height:.8rem;display:block}
            .timeline rect{fill:#8c959f}.s-succeeded rect{fill:#1a7f37}.s-failed rect{fill:#cf222e}.s-waiting rect,.s-running rect{fill:#bf8700}
            .s-interrupted rect{fill:#9a6700}.s-skipped rect{fill:#6e7781}.s-not-run td,.s-pending td{color:#6e7781}
            """;

    private ReportHtml() {}

    /** A whole HTML document that needs nothing from the web: safe to mail or attach to a ticket. */
    public static String page(RunState state, Plan plan) {
        StringOutput out = new StringOutput();
        out.writeContent("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        text(out, "Executed runbook · " + state.start().title() + " · run " + state.runId());
        out.writeContent("</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main class=\"report\">\n");
        out.writeContent(body(state, plan));
        out.writeContent("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    /** The timeline and the record, for a page that brings its own document and styles (the web UI's). */
    public static String body(RunState state, Plan plan) {
        StringOutput out = new StringOutput();
        timeline(out, StepTimeline.of(state, plan));
        out.writeContent("<article class=\"record\">\n");
        Node doc = PARSER.parse(ExecutedRunbook.markdown(state, plan));
        dropHtmlComments(doc);
        out.writeContent(HTML.render(doc));
        out.writeContent("</article>\n");
        return out.toString();
    }

    private static void timeline(StringOutput out, StepTimeline t) {
        out.writeContent("<section class=\"timeline\">\n<h2>Timeline</h2>\n<table>\n<thead><tr><th>Step</th><th>Status</th><th>Actor</th>"
                + "<th>Started (UTC)</th><th>Finished (UTC)</th><th>Duration</th><th class=\"when\">When</th></tr></thead>\n<tbody>\n");
        for (StepTimeline.Row r : t.rows()) {
            out.writeContent("<tr class=\"");
            attribute(out, "s-" + r.status());
            out.writeContent("\"><td><code>");
            text(out, r.step());
            out.writeContent("</code> ");
            text(out, r.title() + (r.rollback() ? " (rollback)" : ""));
            cell(out, r.status());
            cell(out, r.actor());
            cell(out, ExecutedRunbook.utc(r.startedAt()));
            cell(out, ExecutedRunbook.utc(r.finishedAt()));
            Duration d = r.duration();
            cell(out, d == null ? "" : ExecutedRunbook.duration(d));
            out.writeContent("</td><td class=\"when\">");
            if (r.startedAt() != null) bar(out, t, r);
            out.writeContent("</td></tr>\n");
        }
        out.writeContent("</tbody>\n</table>\n</section>\n");
    }

    /** The step's span as a bar on the run's span; a step still going reaches the last entry. */
    private static void bar(StringOutput out, StepTimeline t, StepTimeline.Row r) {
        int x = (int) Math.round(t.position(r.startedAt()) * WIDTH);
        int end = (int) Math.round(t.position(r.finishedAt() != null ? r.finishedAt() : t.to()) * WIDTH);
        int width = Math.max(3, end - x); // an instant step still shows
        out.writeContent("<svg viewBox=\"0 0 " + WIDTH + " 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect x=\""
                + Math.min(x, WIDTH - width) + "\" y=\"0\" width=\"" + width + "\" height=\"10\"/></svg>");
    }

    private static void cell(StringOutput out, String value) {
        out.writeContent("</td><td>");
        text(out, value);
    }

    private static void text(StringOutput out, String value) {
        if (value != null) Escape.htmlContent(value, out);
    }

    private static void attribute(StringOutput out, String value) {
        Escape.htmlAttribute(value, out);
    }

    /** HTML comments (the record's own provenance line among them) say nothing to a reader; other raw HTML is shown escaped. */
    private static void dropHtmlComments(Node doc) {
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlBlock block) {
                if (block.getLiteral().strip().startsWith("<!--")) block.unlink();
            }
        });
    }
}
