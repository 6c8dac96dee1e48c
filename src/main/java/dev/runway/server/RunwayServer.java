package dev.runway.server;

import dev.runway.access.TokenStore;
import dev.runway.access.UserStore;
import dev.runway.engine.Engine;
import dev.runway.engine.Interventions;
import dev.runway.engine.JournalStore;
import dev.runway.engine.StepExecutors;
import dev.runway.store.SqliteJournalStore;
import dev.runway.store.SqliteTokenStore;
import dev.runway.store.SqliteUserStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code runway serve}: the REST API over one store. Runs started here are driven here, on
 * virtual threads; approvals and decisions go through {@link Interventions} like the CLI's,
 * so they may also come from other processes sharing the store.
 *
 * <pre>{@code
 * try (RunwayServer server = RunwayServer.embedded(home, new Settings("127.0.0.1", 0, runbooks, Settings.DEFAULT_MAX_BODY), clock)) {
 *     server.start();
 *     System.out.println(server.port());
 * }
 * }</pre>
 */
public final class RunwayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunwayServer.class);
    private static final Duration GRACE = Duration.ofSeconds(10);
    /**
     * Connections the kernel holds for the server before it accepts them. The JDK's default is
     * 50: 200 CI agents connecting at once while the server was busy overflowed it, and some got
     * "connection reset" (bench/api-latency.sh saw 9 of 1,000 approvals fail so).
     */
    static final int ACCEPT_QUEUE = 1024;
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);

    private final Settings settings;
    private final JournalStore store;
    private final TokenStore tokens;
    private final List<AutoCloseable> owned;
    private final Drives drives;
    private final ServerMetrics metrics;
    private final List<Route> routes;
    private final Javalin app;
    private final RunEvents events;
    private volatile boolean stopped;

    public RunwayServer(Settings settings, JournalStore store, TokenStore tokens, UserStore users, Clock clock, List<AutoCloseable> owned) {
        this.settings = settings;
        this.store = store;
        this.tokens = tokens;
        this.owned = List.copyOf(owned);
        // Interventions through the API wake their run at once; a second is then only how long
        // an approval made by another process (the CLI on the same store) may take to be seen,
        // and it keeps thousands of runs waiting at gates from polling the journal ten times a second.
        Engine engine = new Engine(store, clock, StepExecutors.standard(clock), IDLE_POLL);
        Interventions interventions = new Interventions(store, clock, state -> Plans.of(state.start(), false));
        this.drives = new Drives(engine);
        this.metrics = new ServerMetrics(drives::count);
        RunsApi runs = new RunsApi(store, engine, interventions, drives, new RunbookDirectory(settings.runbooks()), clock,
                settings.maxBodyBytes(), metrics);
        Access access = new Access(tokens, users, store, interventions, clock, metrics);
        SignIn signIn = new SignIn(users, store, new SignInThrottle(clock), clock, metrics);
        this.events = new RunEvents(store, runs::view);
        RunbookDirectory runbooks = new RunbookDirectory(settings.runbooks());
        this.routes = withHeads(java.util.stream.Stream.concat(routes(runs, events, metrics).stream(),
                Pages.routes(signIn, new RunsPages(store, runbooks), new RunPages(store, runs)).stream()).toList());
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            // A method a path does not answer is 405 with Allow, not 404: the path exists.
            config.http.prefer405over404 = true;
            config.concurrency.useVirtualThreads = true;
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(GRACE.toMillis());
                // Javalin adds its connector after this: size the accept queue just before it opens.
                server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                        for (var connector : server.getConnectors()) {
                            if (connector instanceof org.eclipse.jetty.server.ServerConnector sc) sc.setAcceptQueueSize(ACCEPT_QUEUE);
                        }
                    }
                });
            });
            config.requestLogger.http(metrics::request);
            config.routes.beforeMatched(ctx -> {
                // Javalin runs this filter for a HEAD on a path that has only a GET route without
                // matching any endpoint; every GET of the table has a HEAD twin, so such a route was
                // added around the table and, declaring no roles, is denied like any other.
                var endpoint = ctx.endpoints().matchedHttpEndpoint();
                String path = endpoint == null ? ctx.path() : endpoint.path;
                access.check(ctx, path, actionOf(ctx.method(), path));
            });
            for (Route r : routes) {
                config.routes.addHttpHandler(r.method(), r.path(), r.handler(), r.allowed());
            }
            config.routes.exception(NeedsSignIn.class, (e, ctx) -> Pages.toSignIn(ctx, e));
            config.routes.exception(ApiError.class, (e, ctx) -> {
                if (onPage(ctx)) Pages.error(ctx, e.status(), e.getMessage());
                else ApiJson.respond(ctx, e.status(), ApiJson.error(e.code(), e.getMessage()));
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 405) {
                    methodNotAllowed(ctx, e);
                    return;
                }
                String code = switch (e.getStatus()) {
                    case 404 -> "not_found";
                    case 405 -> "method_not_allowed";
                    case 413 -> "body_too_large";
                    case 401 -> "unauthenticated";
                    case 403 -> "forbidden";
                    default -> e.getStatus() >= 500 ? "internal" : "invalid_request";
                };
                ApiJson.respond(ctx, e.getStatus(), ApiJson.error(code, e.getMessage()));
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ApiError internal = ApiError.internal();
                ApiJson.respond(ctx, internal.status(), ApiJson.error(internal.code(), internal.getMessage()));
            });
        });
    }

    /** A server on the embedded store in {@code home}; closing it closes the store. */
    public static RunwayServer embedded(Path home, Settings settings, Clock clock) {
        SqliteJournalStore store = SqliteJournalStore.forServer(home);
        SqliteTokenStore tokens = new SqliteTokenStore(home);
        SqliteUserStore users = new SqliteUserStore(home);
        return new RunwayServer(settings, store, tokens, users, clock, List.of(users, tokens, store));
    }

    /** The API, one row per route: method, path, what it does, who may. */
    private static List<Route> routes(RunsApi runs, RunEvents events, ServerMetrics metrics) {
        return List.of(
                new Route(HandlerType.GET, "/health", "check health", Allowed.PUBLIC,
                        ctx -> ApiJson.respond(ctx, 200, Map.of("status", "ok"))),
                new Route(HandlerType.GET, "/openapi.yaml", "read the API description", Allowed.PUBLIC,
                        ctx -> ctx.contentType("application/yaml").result(openApi())),
                new Route(HandlerType.GET, "/metrics", "read metrics", Allowed.READERS, metrics::scrape),
                new Route(HandlerType.GET, "/api/runbooks", "list runbooks", Allowed.READERS, runs::listRunbooks),
                new Route(HandlerType.GET, "/api/runs", "list runs", Allowed.READERS, runs::history),
                new Route(HandlerType.POST, "/api/runs", "start a run", Allowed.STARTERS, runs::start),
                new Route(HandlerType.GET, "/api/runs/{id}", "read a run", Allowed.READERS, runs::show),
                new Route(HandlerType.POST, "/api/runs/{id}/approve", "approve", Allowed.APPROVERS, runs::approve),
                new Route(HandlerType.POST, "/api/runs/{id}/reject", "reject", Allowed.REJECTERS, runs::reject),
                new Route(HandlerType.POST, "/api/runs/{id}/confirm", "confirm", Allowed.OPERATORS, runs::confirm),
                new Route(HandlerType.POST, "/api/runs/{id}/decide", "decide", Allowed.DECIDERS, runs::decide),
                new Route(HandlerType.POST, "/api/runs/{id}/rollback", "rollback", Allowed.OPERATORS, runs::rollback),
                new Route(HandlerType.POST, "/api/runs/{id}/resume", "resume", Allowed.STARTERS, runs::resume),
                new Route(HandlerType.GET, "/api/runs/{id}/logs", "read logs", Allowed.READERS, runs::logs),
                new Route(HandlerType.GET, "/api/runs/{id}/report", "read a report", Allowed.READERS, runs::report),
                new Route(HandlerType.GET, "/api/runs/{id}/events", "follow a run", Allowed.READERS,
                        ctx -> events.stream(ctx, runs.existingRun(ctx))),
                new Route(HandlerType.GET, "/api/audit/verify", "verify the audit chain", Allowed.READERS, runs::auditVerify));
    }

    /** Each GET route and, right after it, its HEAD twin ({@link Route#asHead}). */
    static List<Route> withHeads(List<Route> routes) {
        return routes.stream().flatMap(r -> r.method() == HandlerType.GET ? java.util.stream.Stream.of(r, r.asHead())
                : java.util.stream.Stream.of(r)).toList();
    }

    /** Javalin names the methods the path does answer in the exception's details; they go to {@code Allow}, sorted. */
    private static void methodNotAllowed(Context ctx, HttpResponseException e) {
        String allowed = String.join(", ", e.getDetails().values().stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip).filter(m -> !m.isEmpty()).sorted().toList());
        ctx.header("Allow", allowed);
        ApiJson.respond(ctx, 405, ApiJson.error("method_not_allowed",
                ctx.method() + " is not allowed on " + ctx.path() + "; it answers " + allowed));
    }

    private static boolean onPage(Context ctx) {
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint != null && Access.isPage(endpoint.path) && Route.reads(ctx.method());
    }

    private String actionOf(HandlerType method, String path) {
        return routes.stream().filter(r -> r.method().equals(method) && r.path().equals(path))
                .map(Route::action).findFirst().orElse(method + " " + path);
    }

    private static byte[] openApi() {
        try (InputStream in = RunwayServer.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) throw new IllegalStateException("openapi.yaml is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RunwayServer start() {
        app.start(settings.host(), settings.port());
        return this;
    }

    /** The listening socket's backlog, as asked of the kernel (which caps it at net.core.somaxconn). */
    int acceptQueue() {
        return java.util.Arrays.stream(app.jettyServer().server().getConnectors())
                .filter(c -> c instanceof org.eclipse.jetty.server.ServerConnector)
                .mapToInt(c -> ((org.eclipse.jetty.server.ServerConnector) c).getAcceptQueueSize())
                .max().orElse(0);
    }

    public int port() {
        return app.port();
    }

    /** How many runs this server is driving now. */
    public int drivenRuns() {
        return drives.count();
    }

    /**
     * Every HTTP endpoint the router holds, with the roles it declares (none: an empty set).
     * Before/after filters are not endpoints: nothing is served by them alone.
     */
    List<RegisteredRoute> registeredRoutes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(p -> p.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .map(e -> new RegisteredRoute(e.method, e.path, rolesOf(e)))
                .toList();
    }

    private static Set<RouteRole> rolesOf(io.javalin.router.Endpoint e) {
        var roles = e.metadata(io.javalin.security.Roles.class);
        return roles == null ? Set.of() : Set.copyOf(roles.getRoles());
    }

    /** For tests that need the router itself (adding a route that declares nothing). */
    Javalin javalin() {
        return app;
    }

    record RegisteredRoute(HandlerType method, String path, Set<RouteRole> roles) {}

    /**
     * Stops intake first (Jetty finishes requests in flight), then interrupts the drives, whose
     * every step is already journaled, then closes the store. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) return;
        stopped = true;
        events.close(); // open streams would hold Jetty's graceful stop for its whole timeout
        app.stop();
        drives.stop(GRACE);
        metrics.close();
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", c, e);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
