package io.envmon.ingest.alerts.webhook;

import io.envmon.alerts.event.AlertEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.concurrent.TimeUnit;

/**
 * Sends a channel's messages as e-mail with the Vert.x mail client (non-blocking SMTP): STARTTLS required, or TLS
 * from the start, or (for a relay on the same host) neither; AUTH when a user name is configured. The server's
 * certificate is verified, host name included. A permanent SMTP refusal (5xx: unknown recipient, bad credentials) is
 * not retried; a transient one (4xx), a network or TLS error or a timeout is.
 */
final class EmailSender implements ChannelSender {

    static final String DELIVERY_HEADER = "X-Envmon-Delivery";
    static final String EVENT_ID_HEADER = "X-Envmon-Event-Id";

    private final WebhookConfig config;
    private final ChannelTarget.Email email;
    private final MailClient client;

    EmailSender(Vertx vertx, WebhookConfig config) {
        this.config = config;
        this.email = (ChannelTarget.Email) config.target();
        this.client = MailClient.create(vertx, mailConfig(email.smtp(), (int) config.timeout().toMillis()));
    }

    static MailConfig mailConfig(ChannelTarget.Smtp smtp, int timeoutMillis) {
        MailConfig mail = new MailConfig()
                .setHostname(smtp.host())
                .setPort(smtp.port())
                .setConnectTimeout(timeoutMillis)
                .setKeepAlive(false); // alerts are rare: a connection per message, nothing left open to time out
        switch (smtp.security()) {
            case STARTTLS -> mail.setStarttls(StartTLSOptions.REQUIRED);
            case TLS -> mail.setSsl(true).setStarttls(StartTLSOptions.DISABLED);
            case NONE -> mail.setStarttls(StartTLSOptions.DISABLED);
        }
        mail.setHostnameVerificationAlgorithm("HTTPS"); // the certificate must name the configured host
        if (smtp.caFile() != null) {
            mail.setTrustOptions(new PemTrustOptions().addCertPath(smtp.caFile().toString()));
        }
        if (smtp.username() != null) {
            mail.setLogin(LoginOption.REQUIRED).setUsername(smtp.username()).setPassword(smtp.password());
        } else {
            mail.setLogin(LoginOption.DISABLED);
        }
        return mail;
    }

    @Override
    public Future<Result> send(Outgoing message) {
        MailMessage mail = new MailMessage()
                .setFrom(email.from())
                .setTo(email.to())
                .setSubject(EmailMessages.subject(email.subjectPrefix(), message.events()))
                .setText(EmailMessages.body(message.events()));
        mail.addHeader(DELIVERY_HEADER, message.deliveryId());
        if (message.events().size() == 1) {
            AlertEvent e = message.events().get(0);
            mail.addHeader(EVENT_ID_HEADER, e.id());
        }
        Promise<Result> result = Promise.promise();
        client.sendMail(mail)
                .timeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        result.complete(Result.delivered(250));
                    } else if (ar.cause() instanceof SMTPException smtp && smtp.isPermanent()) {
                        result.complete(Result.fail(smtp.getReplyCode(), "SMTP " + smtp.getReplyCode() + " "
                                + smtp.getReplyMessage() + (smtp.getReplyCode() == 535
                                ? ": check the channel's SMTP user name and password" : "")));
                    } else if (ar.cause() instanceof SMTPException smtp) {
                        result.complete(Result.retry(smtp.getReplyCode(), "SMTP " + smtp.getReplyCode() + " "
                                + smtp.getReplyMessage(), null));
                    } else {
                        result.complete(Result.retry(null, ChannelSender.describe(ar.cause()), null));
                    }
                });
        return result.future();
    }

    @Override
    public void close() {
        client.close();
    }
}
