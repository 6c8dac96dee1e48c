package dev.runway.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The web UI's static files, served from the jar (no CDN: the machines may have no internet).
 * Only the files named here are served, so no request path reaches the class path. Their URLs
 * carry a hash of the content, which lets browsers cache them for a year.
 */
final class Assets {

    private static final String WEBJARS = "/META-INF/resources/webjars/";
    private static final Map<String, Asset> FILES = Map.of(
            "runway.css", load("/web/runway.css", "text/css; charset=utf-8"),
            "runway.js", load("/web/runway.js", "text/javascript; charset=utf-8"),
            "htmx.min.js", load(WEBJARS + "htmx.org/2.0.10/dist/htmx.min.js", "text/javascript; charset=utf-8"),
            "chart.umd.min.js", load(WEBJARS + "chart.js/4.5.1/dist/chart.umd.min.js", "text/javascript; charset=utf-8"));

    private Assets() {}

    /** The URL a page links {@code name} with. */
    static String url(String name) {
        Asset a = FILES.get(name);
        if (a == null) throw new IllegalArgumentException("no asset " + name);
        return "/assets/" + name + "?v=" + a.hash();
    }

    static void serve(Context ctx) {
        Asset a = FILES.get(ctx.pathParam("name"));
        if (a == null) throw ApiError.notFound("no asset " + ctx.pathParam("name"));
        ctx.header("Cache-Control", "public, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff")
                .contentType(a.type()).result(a.bytes());
    }

    private static Asset load(String resource, String type) {
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the jar");
            byte[] bytes = in.readAllBytes();
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
            return new Asset(bytes, type, hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Asset(byte[] bytes, String type, String hash) {}
}
