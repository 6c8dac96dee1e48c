package dev.runway.runbook;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads a Markdown runbook following the mapping in DESIGN.md ("Structure → steps"): the title
 * is the first {@code #} heading, {@code ##} headings open sections, {@code ###} headings open
 * groups within them. Each complete group is handed to {@link GroupReader}; the drafts, in
 * document order, then become steps in {@link StepAssembler}.
 */
final class MarkdownRunbookParser {
    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create(), TaskListItemsExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    private final Problems problems;
    private final GroupReader groups;
    private final List<Draft> drafts = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final List<Prose> prose = new ArrayList<>();
    private String title;
    private int titleLine;

    MarkdownRunbookParser(Problems problems) {
        this.problems = problems;
        this.groups = new GroupReader(problems);
    }

    Runbook parse(String source) {
        MarkdownFrontMatter.Split split = MarkdownFrontMatter.split(source, problems);
        FrontMatter front = split.front();
        Node document = PARSER.parse(split.body());
        SectionDraft section = null;
        Group group = null;
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading h && h.getLevel() == 1 && title == null) {
                title = MarkdownText.plain(h);
                titleLine = MarkdownText.line(h);
                continue;
            }
            if (node instanceof Heading h && h.getLevel() <= 2) {
                finish(group, section);
                section = new SectionDraft(MarkdownText.plain(h), MarkdownText.line(h), front);
                group = new Group(section, null, MarkdownText.line(h), drafts, prose);
                continue;
            }
            if (section == null) {
                // Content above the first "##" belongs to an implicit section named after the runbook.
                section = new SectionDraft(title == null ? "Runbook" : title, MarkdownText.line(node), front);
                group = new Group(section, null, section.line, drafts, prose);
            }
            if (node instanceof Heading h) {
                groups.read(group);
                group = new Group(section, MarkdownText.plain(h), MarkdownText.line(h), drafts, prose);
                continue;
            }
            if (section.role != Section.Role.INFORMATIONAL) {
                warnUnrunCode(node);
                warnCommentDirectives(node);
            }
            group.blocks.add(node);
        }
        finish(group, section);
        return new StepAssembler(problems, source).assemble(new DocumentHead(title, titleLine, split.keys()), front, sections,
                drafts, prose);
    }

    /**
     * Runway runs the fenced blocks that stand at a step's top level. A command indented into a
     * list item or a blockquote, or written as an indented block, would otherwise vanish from the
     * run without a word: the step would pass having run nothing.
     */
    private void warnUnrunCode(Node node) {
        if (node instanceof org.commonmark.node.IndentedCodeBlock) {
            problems.warn("unrun-code", MarkdownText.line(node), MarkdownText.column(node),
                    "an indented code block is not run: Runway runs fenced blocks (```bash … ```); fence it to run it");
            return;
        }
        if (!(node instanceof org.commonmark.node.ListBlock) && !(node instanceof org.commonmark.node.BlockQuote)) return;
        boolean quote = node instanceof org.commonmark.node.BlockQuote;
        String where = quote ? "a blockquote" : "a list item";
        String outOf = quote ? "the blockquote" : "the list";
        node.accept(new org.commonmark.node.AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.FencedCodeBlock code) {
                String info = code.getInfo() == null ? "" : code.getInfo().strip();
                String lang = info.isEmpty() ? "" : info.split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
                // Sample output or data in a list is prose; a shell or runway block there is a command that would be lost.
                if (FenceReader.SHELL.contains(lang) || lang.equals("runway")) {
                    problems.warn("unrun-code", MarkdownText.line(code), MarkdownText.column(code), "a " + lang + " block inside "
                            + where + " is not run: Runway runs the fenced blocks at a step's top level (move it out of " + outOf + ")");
                }
            }
        });
    }

    /**
     * Some runbook tools take directives from HTML comments ({@code <!-- runway: timeout=5m -->}).
     * Runway reads them only from ```runway blocks; a comment would be dropped without a word and
     * the step run without its timeout, retry or gate.
     */
    private void warnCommentDirectives(Node node) {
        node.accept(new org.commonmark.node.AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.HtmlBlock html) {
                if (COMMENT_DIRECTIVE.matcher(html.getLiteral()).lookingAt()) {
                    problems.warn("comment-directive", MarkdownText.line(html), MarkdownText.column(html),
                            "an HTML comment is not a directive: Runway reads directives from ```runway blocks; write it as one");
                }
            }
        });
    }

    /** {@code <!-- runway ...}, or a comment that starts like a directive's key: {@code <!-- gate: production -->}. */
    private static final java.util.regex.Pattern COMMENT_DIRECTIVE = java.util.regex.Pattern.compile(
            "\\s*<!--\\s*(runway\\b|(" + String.join("|", DirectiveReader.ACTIONS) + "|" + String.join("|", DirectiveReader.POLICY)
                    + ")\\s*[:=])", java.util.regex.Pattern.CASE_INSENSITIVE);

    private void finish(Group group, SectionDraft section) {
        if (group != null) groups.read(group);
        if (section != null) sections.add(section.section());
    }
}
