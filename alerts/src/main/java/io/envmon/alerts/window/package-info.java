/**
 * Windows of readings per point, keyed by event time ({@link io.envmon.alerts.window.SampleWindow}), and the hourly
 * evaluation that turns an hour of them into valid means ({@link io.envmon.alerts.window.HourEvaluator},
 * {@link io.envmon.alerts.window.HourRecord}) with the standards layer's validity and O2 rules.
 */
package io.envmon.alerts.window;
