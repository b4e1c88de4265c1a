package io.envmon.ingest.http.api;

import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/openapi.yaml}: the OpenAPI 3 description of every route the service serves (a test checks it
 * against the router, both ways). Served without a token: integrators read it before they are given one.
 */
final class OpenApiResource {

    static final String PATH = "/api/openapi.yaml";
    static final String RESOURCE = "openapi.yaml";

    private final String yaml = load();

    void mount(Router router) {
        router.get(PATH).handler(rc -> rc.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
                .end(yaml));
    }

    static String load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
