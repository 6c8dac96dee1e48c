package dev.runway.server;

import dev.runway.access.Identity;
import dev.runway.access.Passwords;
import dev.runway.access.UserStore;
import dev.runway.access.TokenStore;
import dev.runway.access.TokenStore.Verdict;
import dev.runway.engine.Interventions;
import dev.runway.engine.JournalStore;
import dev.runway.engine.RunEvent.ActionDenied;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.time.Clock;
import java.util.Set;

/**
 * The one access check, run before every matched route: who is calling (a bearer token, else
 * a browser session cookie), and whether the route's {@link Allowed} lets them. Denied by
 * default: a route that declares no {@code Allowed} is refused to everyone. An unsafe request
 * made with a session cookie must also carry the session's CSRF token. Every refusal is
 * journaled: on the run it concerns when there is one, otherwise as a global audit entry.
 * A browser asking for a page without any credential is sent to the sign-in page instead.
 */
final class Access {

    static final String IDENTITY = "runway.identity";
    static final String ANONYMOUS = "anonymous";
    /** The request's session CSRF token, for pages to hand to their forms and scripts; absent for bearer tokens. */
    static final String CSRF = "runway.csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "_csrf";

    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final TokenStore tokens;
    private final UserStore users;
    private final JournalStore store;
    private final Interventions interventions;
    private final Clock clock;
    private final ServerMetrics metrics;

    Access(TokenStore tokens, UserStore users, JournalStore store, Interventions interventions, Clock clock, ServerMetrics metrics) {
        this.metrics = metrics;
        this.tokens = tokens;
        this.users = users;
        this.store = store;
        this.interventions = interventions;
        this.clock = clock;
    }

    static Identity identity(Context ctx) {
        Identity who = ctx.attribute(IDENTITY);
        if (who == null) throw new IllegalStateException("no identity on an authenticated route " + ctx.path());
        return who;
    }

    /** @param routePath the matched route's path template ({@code /api/runs/{id}}) */
    void check(Context ctx, String routePath, String action) {
        Allowed allowed = null;
        for (RouteRole r : ctx.routeRoles()) {
            if (r instanceof Allowed a) allowed = a;
        }
        if (allowed != null && allowed.open()) return;
        Identity who = authenticate(ctx, isPage(routePath), action);
        if (ctx.attribute(CSRF) != null && !SAFE.contains(ctx.method())) checkCsrf(ctx, who, action);
        if (allowed == null) {
            deny(ctx, who, action, "route " + ctx.method() + " " + routePath + " declares no roles; access is denied by default");
        }
        if (!allowed.permits(who)) {
            deny(ctx, who, action, who.name() + " (" + String.join(", ", who.roles().stream().sorted().toList())
                    + ") may not " + action + ": it needs one of the roles " + allowed.describe());
        }
        ctx.attribute(IDENTITY, who);
    }

    /** Whether a route is a web page, whose unauthenticated visitors are sent to sign in rather than told 401. */
    static boolean isPage(String routePath) {
        return routePath.equals("/") || routePath.startsWith("/ui/");
    }

    private Identity authenticate(Context ctx, boolean page, String action) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            String session = ctx.cookie(SignIn.COOKIE);
            if (session != null && !session.isEmpty()) return fromSession(ctx, session, action, page);
            if (page) throw new NeedsSignIn(ctx.path());
            throw refuseSignIn(ANONYMOUS, action, "no API token (send Authorization: Bearer TOKEN)");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw refuseSignIn(ANONYMOUS, action, "the Authorization header must be \"Bearer TOKEN\"");
        }
        return switch (tokens.authenticate(header.substring(7).strip(), clock.instant())) {
            case Verdict.Valid v -> v.token().identity();
            case Verdict.Unknown u -> throw refuseSignIn(ANONYMOUS, action, "unknown API token");
            case Verdict.Expired e -> throw refuseSignIn(e.token().user(), action,
                    "API token " + e.token().id() + " expired at " + e.token().expiresAt());
            case Verdict.Revoked r -> throw refuseSignIn(r.token().user(), action, "API token " + r.token().id() + " was revoked");
        };
    }

    private Identity fromSession(Context ctx, String id, String action, boolean page) {
        var session = users.session(id, clock.instant(), SignIn.IDLE);
        if (session.isEmpty()) {
            ApiError refused = refuseSignIn(ANONYMOUS, action, "the session has expired or was ended; sign in again");
            if (page) throw new NeedsSignIn(ctx.path());
            throw refused;
        }
        ctx.attribute(CSRF, session.get().csrf());
        return session.get().user().identity();
    }

    /**
     * A cookie rides along with any request the browser makes, also one another site makes it
     * send; the CSRF token, readable only by this site's own pages, proves the page is ours.
     */
    private void checkCsrf(Context ctx, Identity who, String action) {
        String sent = ctx.header(CSRF_HEADER);
        String type = ctx.contentType();
        if (sent == null && type != null && type.startsWith("application/x-www-form-urlencoded")) sent = ctx.formParam(CSRF_FIELD);
        if (sent == null || sent.isEmpty()) {
            deny(ctx, who, action, "csrf_missing", "this request needs the session's CSRF token (header " + CSRF_HEADER + " or form field " + CSRF_FIELD + ")");
        }
        if (!Passwords.same(sent, ctx.attribute(CSRF))) {
            deny(ctx, who, action, "csrf_invalid", "the CSRF token does not belong to this session");
        }
    }

    private ApiError refuseSignIn(String actor, String action, String reason) {
        store.appendGlobal(actor, new ActionDenied(null, actor, "sign-in for " + action, reason), clock.instant());
        metrics.denied("unauthenticated");
        return ApiError.unauthenticated(reason);
    }

    private void deny(Context ctx, Identity who, String action, String reason) {
        deny(ctx, who, action, "forbidden", reason);
    }

    private void deny(Context ctx, Identity who, String action, String code, String reason) {
        metrics.denied(code);
        String runId = ctx.pathParamMap().get("id");
        if (runId != null && store.summary(runId).isPresent()) {
            interventions.recordDenial(runId, who, action, reason);
        } else {
            store.appendGlobal(who.name(), new ActionDenied(null, who.name(), action, reason), clock.instant());
        }
        throw new ApiError(403, code, reason);
    }
}
