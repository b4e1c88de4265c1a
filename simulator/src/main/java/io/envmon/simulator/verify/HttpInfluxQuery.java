package io.envmon.simulator.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * InfluxQL over HTTP {@code GET /query} (InfluxDB 1.x, and the 1.x-compatible endpoint of 2.x with a token).
 */
public final class HttpInfluxQuery implements InfluxQuery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String db;
    private final String token;
    private final String username;
    private final String password;

    /** @param token v2 API token (or null); username/password: v1 credentials (or null) */
    public HttpInfluxQuery(String url, String db, String token, String username, String password) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.db = db;
        this.token = token;
        this.username = username;
        this.password = password;
    }

    @Override
    public JsonNode query(String influxql) throws IOException {
        StringBuilder uri = new StringBuilder(url).append("/query?db=").append(enc(db)).append("&epoch=ms&q=").append(enc(influxql));
        if (username != null) {
            uri.append("&u=").append(enc(username)).append("&p=").append(enc(password == null ? "" : password));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Token " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while querying " + url);
        }
        if (response.statusCode() != 200) {
            throw new IOException("InfluxDB at " + url + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode root = JSON.readTree(response.body());
        JsonNode error = root.path("results").path(0).path("error");
        if (!error.isMissingNode()) {
            throw new IOException("InfluxDB at " + url + ": " + error.asText() + " (query: " + influxql + ")");
        }
        return root;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
