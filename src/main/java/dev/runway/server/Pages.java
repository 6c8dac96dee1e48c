package dev.runway.server;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The web UI's routes: pages for people, in the same table of who may do what as the API. */
final class Pages {

    private Pages() {}

    static List<Route> routes(SignIn signIn, RunsPages runs, RunPages run) {
        return List.of(
                new Route(HandlerType.GET, "/", "read the runs page", Allowed.READERS, runs::runs),
                new Route(HandlerType.GET, "/ui/history", "read the history page", Allowed.READERS, runs::history),
                new Route(HandlerType.GET, "/ui/runs/{id}", "read a run's page", Allowed.READERS, run::run),
                new Route(HandlerType.GET, "/ui/runs/{id}/report", "read a run's report page", Allowed.READERS, run::report),
                new Route(HandlerType.GET, "/assets/{name}", "read a web asset", Allowed.PUBLIC, Assets::serve),
                new Route(HandlerType.GET, "/ui/sign-in", "read the sign-in page", Allowed.PUBLIC, signIn::page),
                new Route(HandlerType.POST, "/ui/sign-in", "sign in", Allowed.PUBLIC, signIn::submit),
                new Route(HandlerType.POST, "/ui/sign-out", "sign out", Allowed.READERS, signIn::signOut));
    }

    /** An error on a page is shown as a page; the API's JSON errors are for programs. */
    static void error(Context ctx, int status, String message) {
        Templates.render(ctx, status, "error.jte", new Problem(ctx.attribute(Access.IDENTITY) == null ? null : Viewer.of(ctx), status, message));
    }

    record Problem(Viewer viewer, int status, String message) {}

    /** Sends a browser without a valid session to the sign-in page, to come back to the page it asked for. */
    static void toSignIn(Context ctx, NeedsSignIn e) {
        String back = e.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        String target = Route.reads(ctx.method()) && !back.equals("/")
                ? "/ui/sign-in?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8) : "/ui/sign-in";
        ctx.redirect(target, HttpStatus.SEE_OTHER);
    }
}
