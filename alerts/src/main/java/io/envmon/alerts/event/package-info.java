/**
 * The alert event of CONTRACT §5 ({@link io.envmon.alerts.event.AlertEvent}, its JSON in
 * {@link io.envmon.alerts.event.AlertEventCodec}), its key and stable ID ({@link io.envmon.alerts.event.AlertKey}),
 * severities and states. This is what leaves the engine: the wiring publishes, stores and serves these.
 */
package io.envmon.alerts.event;
