package dev.runway.server;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * The web UI's pages: jte templates from {@code src/main/jte}, compiled to classes at build
 * time, with HTML escaping of every value they print.
 */
final class Templates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Templates.class.getClassLoader(), Templates.class.getPackageName());

    /**
     * Pages run only this server's own scripts and styles: a value that slipped through
     * escaping still could not run script, and nothing is loaded from elsewhere.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private Templates() {}

    /** Renders {@code template} (e.g. "sign-in.jte") with its one parameter, the page's model. */
    static void render(Context ctx, int status, String template, Object model) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, model, out);
        ctx.status(status).contentType("text/html; charset=utf-8").header("Cache-Control", "no-store")
                .header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "same-origin")
                .result(out.toString());
    }
}
