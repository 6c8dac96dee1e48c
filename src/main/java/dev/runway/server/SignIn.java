package dev.runway.server;

import dev.runway.access.Passwords;
import dev.runway.access.UserStore;
import dev.runway.access.UserStore.NewSession;
import dev.runway.access.UserStore.User;
import dev.runway.engine.JournalStore;
import dev.runway.engine.RunEvent.ActionDenied;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Browser sign-in with a user name and password ({@code runway user add}). A right password
 * opens a server-side session whose id goes into an HttpOnly, SameSite=Strict cookie; every
 * failure is journaled and counted by the {@link SignInThrottle}. The attempted password is
 * never logged, stored or echoed.
 */
final class SignIn {

    static final String COOKIE = "runway_session";
    static final Duration IDLE = Duration.ofHours(8);
    static final String WRONG = "wrong user name or password";

    /** The sign-in page's model: what went wrong, the name typed, and where to go after. */
    record Page(String problem, String name, String next) {}

    private final UserStore users;
    private final JournalStore store;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final ServerMetrics metrics;

    SignIn(UserStore users, JournalStore store, SignInThrottle throttle, Clock clock, ServerMetrics metrics) {
        this.users = users;
        this.store = store;
        this.throttle = throttle;
        this.clock = clock;
        this.metrics = metrics;
    }

    void page(Context ctx) {
        Templates.render(ctx, 200, "sign-in.jte", new Page(null, "", localPath(ctx.queryParam("next"))));
    }

    void submit(Context ctx) {
        String name = orEmpty(ctx.formParam("name")).strip();
        String password = orEmpty(ctx.formParam("password"));
        String next = localPath(ctx.formParam("next"));
        String address = ctx.ip();
        String shown = name.length() > 64 ? name.substring(0, 64) : name;
        Optional<Duration> locked = throttle.lockedFor(shown, address);
        if (locked.isPresent()) {
            long seconds = (locked.get().toMillis() + 999) / 1000;
            refuse(shown, address, "too many failed sign-ins; try again in " + seconds + " s");
            ctx.header("Retry-After", Long.toString(seconds));
            Templates.render(ctx, 429, "sign-in.jte", new Page("Too many failed sign-ins. Try again in " + seconds + " seconds.", shown, next));
            return;
        }
        Optional<User> user = name.isEmpty() || name.length() > 64 ? Optional.empty() : users.find(name);
        boolean right = Passwords.matches(password.toCharArray(), user.map(User::passwordHash).orElse(null));
        if (!right) {
            throttle.failed(shown, address);
            refuse(shown, address, WRONG);
            Templates.render(ctx, 401, "sign-in.jte", new Page("Wrong user name or password.", shown, next));
            return;
        }
        throttle.succeeded(name);
        NewSession session = users.openSession(name, clock.instant());
        ctx.cookie(new Cookie(COOKIE, session.id(), "/", -1, "https".equals(ctx.scheme()), true, null, SameSite.STRICT));
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    void signOut(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null) users.endSession(id);
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, "https".equals(ctx.scheme()), true, null, SameSite.STRICT));
        ctx.redirect("/ui/sign-in", HttpStatus.SEE_OTHER);
    }

    private void refuse(String name, String address, String reason) {
        store.appendGlobal(Access.ANONYMOUS, new ActionDenied(null, Access.ANONYMOUS,
                "sign in as \"" + name + "\" from " + address, reason), clock.instant());
        metrics.denied("sign_in");
    }

    /** Only a path on this server is followed after sign-in, never another site ("//evil", "https://…"). */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
        return next.chars().anyMatch(c -> c < 0x20) ? "/" : next;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
