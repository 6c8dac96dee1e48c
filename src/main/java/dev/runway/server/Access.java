package dev.runway.server;

import dev.runway.access.Identity;
import dev.runway.access.TokenStore;
import dev.runway.access.TokenStore.Verdict;
import dev.runway.engine.Interventions;
import dev.runway.engine.JournalStore;
import dev.runway.engine.RunEvent.ActionDenied;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.time.Clock;

/**
 * The one access check, run before every matched route: who is calling (bearer token), and
 * whether the route's {@link Allowed} lets them. Denied by default: a route that declares no
 * {@code Allowed} is refused to everyone. Every refusal is journaled: on the run it concerns
 * when there is one, otherwise as a global audit entry.
 */
final class Access {

    static final String IDENTITY = "runway.identity";
    static final String ANONYMOUS = "anonymous";

    private final TokenStore tokens;
    private final JournalStore store;
    private final Interventions interventions;
    private final Clock clock;
    private final ServerMetrics metrics;

    Access(TokenStore tokens, JournalStore store, Interventions interventions, Clock clock, ServerMetrics metrics) {
        this.metrics = metrics;
        this.tokens = tokens;
        this.store = store;
        this.interventions = interventions;
        this.clock = clock;
    }

    static Identity identity(Context ctx) {
        Identity who = ctx.attribute(IDENTITY);
        if (who == null) throw new IllegalStateException("no identity on an authenticated route " + ctx.path());
        return who;
    }

    void check(Context ctx, String action) {
        Allowed allowed = null;
        for (RouteRole r : ctx.routeRoles()) {
            if (r instanceof Allowed a) allowed = a;
        }
        if (allowed != null && allowed.open()) return;
        Identity who = authenticate(ctx, action);
        if (allowed == null) {
            deny(ctx, who, action, "route " + ctx.method() + " " + ctx.endpoints().matchedHttpEndpoint().path + " declares no roles; access is denied by default");
        }
        if (!allowed.permits(who)) {
            deny(ctx, who, action, who.name() + " (" + String.join(", ", who.roles().stream().sorted().toList())
                    + ") may not " + action + ": it needs one of the roles " + allowed.describe());
        }
        ctx.attribute(IDENTITY, who);
    }

    private Identity authenticate(Context ctx, String action) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
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

    private ApiError refuseSignIn(String actor, String action, String reason) {
        store.appendGlobal(actor, new ActionDenied(null, actor, "sign-in for " + action, reason), clock.instant());
        metrics.denied("unauthenticated");
        return ApiError.unauthenticated(reason);
    }

    private void deny(Context ctx, Identity who, String action, String reason) {
        metrics.denied("forbidden");
        String runId = ctx.pathParamMap().get("id");
        if (runId != null && store.summary(runId).isPresent()) {
            interventions.recordDenial(runId, who, action, reason);
        } else {
            store.appendGlobal(who.name(), new ActionDenied(null, who.name(), action, reason), clock.instant());
        }
        throw ApiError.forbidden(reason);
    }
}
