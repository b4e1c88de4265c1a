package io.envmon.ingest.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** What every resource of the API reads from a request and how it answers: parameters, JSON, errors. */
final class ApiRequests {

    /** The times InfluxDB can store; a query outside them is a bad request. */
    static final Instant OLDEST = Instant.parse("1677-09-22T00:00:00Z");
    static final Instant NEWEST = Instant.parse("2262-04-10T00:00:00Z");
    private static final String PRINCIPAL = "envmon.principal";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiRequests() {
    }

    /** Who is asking: set by {@link ApiAuth} before any resource runs. */
    static Principal principal(RoutingContext rc) {
        return rc.get(PRINCIPAL);
    }

    static void authenticated(RoutingContext rc, Principal who) {
        rc.put(PRINCIPAL, who);
    }

    static String param(RoutingContext rc, String name, String fallback) {
        String v = rc.request().getParam(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The parameter as a whole number, the fallback when absent, or {@code null} when it is not one. */
    static Integer intParam(RoutingContext rc, String name, int fallback) {
        try {
            return Integer.parseInt(param(rc, name, String.valueOf(fallback)).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The limit parameter within {@code [1, max]}, or {@code null} (answered 400) when it is not a number. */
    static Integer limit(RoutingContext rc, int fallback, int max) {
        Integer limit = intParam(rc, "limit", fallback);
        if (limit == null) {
            error(rc, 400, "limit must be a whole number");
            return null;
        }
        return Math.min(max, Math.max(1, limit));
    }

    /** An RFC 3339 parameter, the fallback when absent, {@code null} when unparseable or not storable. */
    static Instant instantParam(RoutingContext rc, String name, Instant fallback) {
        String v = rc.request().getParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            Instant t = OffsetDateTime.parse(v).toInstant();
            // outside what InfluxDB stores, a time is not a question it can answer (and overflows its query)
            return t.isBefore(OLDEST) || t.isAfter(NEWEST) ? null : t;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static void respondRaw(RoutingContext rc, int status, String body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }

    static void error(RoutingContext rc, int status, String message) {
        respondRaw(rc, status, JSON.createObjectNode().put("error", message).toString());
    }
}
