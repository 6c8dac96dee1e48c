package dev.runway.server;

import dev.runway.engine.JournalStore;
import dev.runway.engine.RunSummary;
import dev.runway.runbook.FrontMatter.VarSpec;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.RunbookLoader;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The runs list (with the form that starts a run) and the history, newest first, in pages. */
final class RunsPages {

    static final int PAGE = 25;
    static final int HISTORY_PAGE = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** One run in a list. */
    record Row(String id, String status, String title, String runbook, String environment, String version, String initiator,
               String startedAt, String took) {}

    /** A page of runs; {@code previous}/{@code next} are offsets, or -1 when there is no such page. */
    record Listing(Viewer viewer, String heading, String path, int offset, List<Row> rows, int previous, int next, List<Choice> runbooks) {
        /** This page's own address, which it reloads itself from to stay current. */
        String self() {
            return offset == 0 ? path : path + "?offset=" + offset;
        }
    }

    /** A runbook offered in the start form, with the variables it declares. */
    record Choice(String name, String title, List<VarSpec> vars, String problem) {}

    private final JournalStore store;
    private final RunbookDirectory runbooks;

    RunsPages(JournalStore store, RunbookDirectory runbooks) {
        this.store = store;
        this.runbooks = runbooks;
    }

    void runs(Context ctx) {
        Viewer viewer = Viewer.of(ctx);
        List<Choice> choices = Allowed.STARTERS.permits(Access.identity(ctx)) ? choices() : null;
        Templates.render(ctx, 200, "runs.jte", listing(ctx, viewer, "Runs", "/", PAGE, choices));
    }

    void history(Context ctx) {
        Templates.render(ctx, 200, "runs.jte", listing(ctx, Viewer.of(ctx), "History", "/ui/history", HISTORY_PAGE, null));
    }

    private Listing listing(Context ctx, Viewer viewer, String heading, String path, int size, List<Choice> choices) {
        int offset = offset(ctx);
        List<RunSummary> all = store.list(offset + size + 1);
        List<Row> rows = new ArrayList<>();
        for (int i = offset; i < Math.min(all.size(), offset + size); i++) rows.add(row(all.get(i)));
        return new Listing(viewer, heading, path, offset, rows, offset == 0 ? -1 : Math.max(0, offset - size),
                all.size() > offset + size ? offset + size : -1, choices);
    }

    private List<Choice> choices() {
        List<Choice> out = new ArrayList<>();
        for (String name : runbooks.list()) {
            Runbook rb = RunbookLoader.load(runbooks.resolve(name));
            String problem = rb.hasErrors() ? "has errors: run runway lint on it" : null;
            String title = rb.title() == null || rb.title().isBlank() ? name : rb.title();
            out.add(new Choice(name, title, List.copyOf(rb.front().vars().values()), problem));
        }
        return out;
    }

    static Row row(RunSummary r) {
        Instant end = r.finishedAt();
        String took = end == null ? "" : human(Duration.between(r.createdAt(), end));
        String title = r.title() == null || r.title().isBlank() ? r.runbook() : r.title();
        return new Row(r.id(), r.status().label(), title, r.runbook(), r.environment(), r.vars().get("version"), r.initiator(),
                TIME.format(r.createdAt()), took);
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) return s + " s";
        if (s < 3600) return s / 60 + " min " + s % 60 + " s";
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    private static int offset(Context ctx) {
        String raw = ctx.queryParam("offset");
        try {
            return raw == null ? 0 : Math.max(0, Math.min(Integer.parseInt(raw), 1_000_000));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
