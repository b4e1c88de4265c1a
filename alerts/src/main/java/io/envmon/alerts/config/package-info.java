/**
 * The alert rules file: immutable, validated config records ({@link io.envmon.alerts.config.AlertRulesConfig},
 * one record per rule) with their defaults in code, parsed from YAML text by
 * {@link io.envmon.alerts.config.AlertRulesConfigParser} with errors that name the key. Per-site overrides
 * ({@code alertOverrides}) are merged over the defaults at parse time.
 */
package io.envmon.alerts.config;
