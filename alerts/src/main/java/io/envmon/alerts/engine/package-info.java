/**
 * The engine facade ({@link io.envmon.alerts.engine.AlertEngine}): readings and time in, alert events and hourly AQI
 * records out ({@link io.envmon.alerts.engine.EngineOutput}), acknowledgement, and restore after a restart. The
 * wiring (MQTT, InfluxDB, webhooks, HTTP) calls it from one thread and does the I/O with what it returns.
 */
package io.envmon.alerts.engine;
