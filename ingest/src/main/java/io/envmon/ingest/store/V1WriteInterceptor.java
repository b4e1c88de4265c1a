package io.envmon.ingest.store;

import java.io.IOException;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Lets the v2 client write to InfluxDB 1.0–1.7, which serve only {@code /write}: rewrites
 * {@code POST …/api/v2/write?org=&bucket=db[/rp]&precision=} into {@code POST …/write?db=&rp=&precision=} and
 * swaps the token header for HTTP Basic credentials when a username is configured. Everything else passes
 * unchanged ({@code /ping} and {@code /query} exist in both APIs). ADR 0003 explains the one-write-path choice.
 */
public final class V1WriteInterceptor implements Interceptor {

    private static final String V2_WRITE = "/api/v2/write";

    private final String username;
    private final String password;

    public V1WriteInterceptor(String username, String password) {
        this.username = username;
        this.password = password == null ? "" : password;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        String path = url.encodedPath();
        if (!path.endsWith(V2_WRITE)) {
            return chain.proceed(request);
        }
        String prefix = path.substring(0, path.length() - V2_WRITE.length());
        String bucket = url.queryParameter("bucket");
        HttpUrl.Builder rewritten = url.newBuilder()
                .encodedPath(prefix + "/write")
                .removeAllQueryParameters("org")
                .removeAllQueryParameters("orgID")
                .removeAllQueryParameters("bucket")
                .removeAllQueryParameters("precision");
        if (bucket != null) {
            int slash = bucket.indexOf('/');
            rewritten.addQueryParameter("db", slash < 0 ? bucket : bucket.substring(0, slash));
            if (slash >= 0) {
                rewritten.addQueryParameter("rp", bucket.substring(slash + 1));
            }
        }
        rewritten.addQueryParameter("precision", v1Precision(url.queryParameter("precision")));
        Request.Builder builder = request.newBuilder().url(rewritten.build()).removeHeader("Authorization");
        if (username != null) {
            builder.header("Authorization", Credentials.basic(username, password));
        }
        return chain.proceed(builder.build());
    }

    /** v2 says ns/us/ms/s; v1 says n/u/ms/s. */
    static String v1Precision(String v2) {
        if (v2 == null) {
            return "n";
        }
        return switch (v2) {
            case "ns" -> "n";
            case "us" -> "u";
            default -> v2;
        };
    }
}
