package io.envmon.ingest.http.api;

import io.envmon.ingest.alerts.AlertBoard;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Authentication, in one place for every route under {@code /api}: a bearer token (or, on the live stream only,
 * {@code ?access_token=}, since a browser's EventSource cannot send headers) names the {@link Principal}; what it
 * may see is each resource's check on that principal.
 */
final class ApiAuth {

    private final ApiTokens tokens;
    private final AlertBoard alerts;

    /** @param alerts the open alerts: until they are ready (read back at start-up), the API answers 503 */
    ApiAuth(ApiTokens tokens, AlertBoard alerts) {
        this.tokens = tokens;
        this.alerts = alerts;
    }

    void handle(RoutingContext rc) {
        String header = rc.request().getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                : AlertStreamResource.PATH.equals(rc.request().path()) ? rc.request().getParam("access_token") : null;
        Optional<Principal> principal = tokens.authenticate(token);
        if (principal.isEmpty()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"envmon\"");
            ApiRequests.error(rc, 401, token == null ? "a bearer token is required" : "unknown token");
            return;
        }
        if (!alerts.isReady()) {
            ApiRequests.error(rc, 503, "starting: the alert state is being read back");
            return;
        }
        ApiRequests.authenticated(rc, principal.get());
        rc.next();
    }
}
