package io.envmon.ingest.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;

/**
 * The web console (docs/console.md): the static pages of {@code webroot} on the classpath at {@code /}, and the
 * WebJars they use (ECharts) at {@code /webjars/}. Everything they show comes from the token-checked API; these
 * files are public and hold no data. Mounted after the API, so {@code /api/...} never reaches it.
 */
public final class ConsoleResource {

    /** The console's files; ECharts' version is the pom's {@code org.webjars.npm:echarts} (and index.html's). */
    static final List<String> FILES = List.of("webroot/index.html", "webroot/console.js", "webroot/console.css",
            "webroot/i18n.js", "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js");

    /** Scripts and styles from this service only: the console loads nothing from the internet. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /**
     * Unpacks the console's files from the jar into Vert.x's file cache now, on the calling thread (IngestWiring is
     * built on Main's, which may block): StaticHandler sends a file through {@code sendFile}, which resolves it on the event loop, and the
     * first resolution of a classpath file unpacks it (ECharts is 1 MB): seconds on a busy machine.
     */
    public ConsoleResource(Vertx vertx) {
        FILES.forEach(file -> {
            if (!vertx.fileSystem().existsBlocking(file)) {
                throw new IllegalStateException(file + " is not on the classpath: the jar was built without the console");
            }
        });
    }

    public void mount(Router router) {
        router.route("/webjars/*").handler(this::headers)
                .handler(StaticHandler.create("META-INF/resources/webjars").setDirectoryListing(false));
        router.route("/*").handler(this::headers)
                .handler(StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(false));
    }

    private void headers(RoutingContext rc) {
        rc.response().putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        rc.next();
    }
}
