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

    private Templates() {}

    /** Renders {@code template} (e.g. "sign-in.jte") with its one parameter, the page's model. */
    static void render(Context ctx, int status, String template, Object model) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, model, out);
        ctx.status(status).contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result(out.toString());
    }
}
