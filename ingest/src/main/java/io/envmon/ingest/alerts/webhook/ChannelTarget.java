package io.envmon.ingest.alerts.webhook;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a channel delivers and in which shape (docs/webhooks.md, "Channel types"): envmon's own signed webhook, a
 * DingTalk, WeCom or Feishu group robot, or e-mail. Each type carries its platform's documented sending limits as the
 * default {@link #rateLimit()}. {@link #toString()} never shows a secret, a password or a URL's query (robot URLs
 * carry their access token there).
 */
public sealed interface ChannelTarget permits ChannelTarget.HttpTarget, ChannelTarget.Email {

    /** The {@code type} of the webhooks file: {@code webhook}, {@code dingtalk}, {@code wecom}, {@code feishu}, {@code email}. */
    String type();

    /** The platform's documented limit, respected by queueing (docs/webhooks.md, "Sending limits"). */
    RateLimit rateLimit();

    /** Whether several events may go out as one message ({@code digest}); not for the §5 JSON webhook. */
    default boolean digestAllowed() {
        return true;
    }

    /** The channels that POST to a URL; {@link #secret()} is {@code null} when they sign nothing. */
    sealed interface HttpTarget extends ChannelTarget permits Webhook, DingTalk, WeCom, Feishu {
        URI url();

        String secret();
    }

    /** The types, in the order of the documentation. */
    List<String> TYPES = List.of("webhook", "dingtalk", "wecom", "feishu", "email");

    /** envmon's webhook: the CONTRACT §5 JSON, one event per request, HMAC-SHA256 signed ({@link WebhookSignature}). */
    record Webhook(URI url, String secret) implements HttpTarget {
        public Webhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secret, "secret");
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("empty secret");
            }
        }

        @Override
        public String type() {
            return "webhook";
        }

        @Override
        public RateLimit rateLimit() {
            return RateLimit.NONE;
        }

        @Override
        public boolean digestAllowed() {
            return false;
        }

        @Override
        public String toString() {
            return "webhook " + safe(url) + " (secret ***)";
        }
    }

    /**
     * A DingTalk custom robot ({@code https://oapi.dingtalk.com/robot/send?access_token=…}), markdown messages; with a
     * secret ("加签"), every request carries {@code timestamp} and {@code sign} ({@link RobotSignatures#dingTalk}).
     * DingTalk allows 20 messages a minute per robot.
     */
    record DingTalk(URI url, String secret) implements HttpTarget {
        public DingTalk {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String type() {
            return "dingtalk";
        }

        @Override
        public RateLimit rateLimit() {
            return RateLimit.perMinute(20);
        }

        @Override
        public String toString() {
            return "dingtalk " + safe(url) + (secret == null ? " (unsigned)" : " (signed, secret ***)");
        }
    }

    /**
     * A WeCom (企业微信) group robot ({@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…}), markdown messages
     * of at most 4096 bytes; no signature (the key in the URL is the credential). 20 messages a minute per robot.
     */
    record WeCom(URI url) implements HttpTarget {
        public WeCom {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String secret() {
            return null;
        }

        @Override
        public String type() {
            return "wecom";
        }

        @Override
        public RateLimit rateLimit() {
            return RateLimit.perMinute(20);
        }

        @Override
        public String toString() {
            return "wecom " + safe(url);
        }
    }

    /**
     * A Feishu custom bot ({@code https://open.feishu.cn/open-apis/bot/v2/hook/…}), rich-text {@code post} messages
     * of at most 20 KB; with a secret, {@code timestamp} and {@code sign} in the body ({@link RobotSignatures#feishu}).
     * 100 requests a minute and 5 a second per bot.
     */
    record Feishu(URI url, String secret) implements HttpTarget {
        public Feishu {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String type() {
            return "feishu";
        }

        @Override
        public RateLimit rateLimit() {
            return new RateLimit(List.of(new RateLimit.Window(100, java.time.Duration.ofMinutes(1)),
                    new RateLimit.Window(5, java.time.Duration.ofSeconds(1))));
        }

        @Override
        public String toString() {
            return "feishu " + safe(url) + (secret == null ? " (unsigned)" : " (signed, secret ***)");
        }
    }

    /** E-mail through an SMTP server, plain UTF-8 text. */
    record Email(Smtp smtp, String from, List<String> to, String subjectPrefix) implements ChannelTarget {
        public Email {
            Objects.requireNonNull(smtp, "smtp");
            Objects.requireNonNull(from, "from");
            to = List.copyOf(to);
            if (to.isEmpty()) {
                throw new IllegalArgumentException("no recipient");
            }
            subjectPrefix = subjectPrefix == null ? "" : subjectPrefix;
        }

        @Override
        public String type() {
            return "email";
        }

        @Override
        public RateLimit rateLimit() {
            return RateLimit.NONE;
        }

        @Override
        public String toString() {
            return "email " + smtp + " from " + from + " to " + to;
        }
    }

    /** How the connection to the SMTP server is protected. */
    enum SmtpSecurity {
        /** Plain connection, then STARTTLS, required (port 587); the default. */
        STARTTLS,
        /** TLS from the first byte ("SMTPS", port 465). */
        TLS,
        /** No encryption at all: only for a relay on the same host or a test. */
        NONE
    }

    /**
     * The SMTP server.
     *
     * @param username {@code null}: no AUTH
     * @param password with a user name; never shown
     * @param caFile   PEM certificates to trust besides the JVM's (a bureau's own mail relay); {@code null}: the JVM's
     */
    record Smtp(String host, int port, SmtpSecurity security, String username, String password, Path caFile) {
        public Smtp {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(security, "security");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            if ((username == null) != (password == null)) {
                throw new IllegalArgumentException("username and password go together");
            }
        }

        @Override
        public String toString() {
            return "smtp://" + host + ":" + port + " (" + security.name().toLowerCase(java.util.Locale.ROOT)
                    + (username == null ? "" : ", user " + username + ", password ***") + ")";
        }
    }

    /** Scheme, host, port and path: no query (robot tokens), no user info. */
    static String safe(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + url.getPath()
                + (url.getRawQuery() == null ? "" : "?***");
    }
}
