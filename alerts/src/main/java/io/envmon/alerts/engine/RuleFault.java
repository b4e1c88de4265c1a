package io.envmon.alerts.engine;

/**
 * A rule that threw while evaluating one alert key (or one hour): the engine caught it, counted it and went on
 * with the other rules and keys. Log it with its context.
 *
 * @param rule  the rule ID ({@code hourly_means} for the hourly evaluation itself)
 * @param about the key or point, e.g. {@code enterprise/E001/DW001/permit_limit/ph}
 * @param error the exception's class and message
 */
public record RuleFault(String rule, String about, String error) {
}
