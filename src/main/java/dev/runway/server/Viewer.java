package dev.runway.server;

import dev.runway.access.Identity;
import io.javalin.http.Context;

/**
 * Who looks at a page, as the page needs it: a name to show and the CSRF token its forms and
 * scripts send back (null when the page was fetched with a bearer token, which needs none).
 */
record Viewer(String name, String roles, String csrf) {

    static Viewer of(Context ctx) {
        Identity who = Access.identity(ctx);
        return new Viewer(who.name(), String.join(", ", who.roles().stream().sorted().toList()), ctx.attribute(Access.CSRF));
    }
}
