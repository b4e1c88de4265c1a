package io.envmon.alerts.config;

/** The alert rules file cannot be used; the message names the key (e.g. {@code rules.permit.earlyWarningShare}). */
public class AlertRulesException extends RuntimeException {

    public AlertRulesException(String message) {
        super(message);
    }

    public AlertRulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
