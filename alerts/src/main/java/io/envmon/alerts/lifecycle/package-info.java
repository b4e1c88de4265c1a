/**
 * The alert lifecycle as pure logic. Rules turn data into {@link io.envmon.alerts.lifecycle.Observation}s; the
 * {@link io.envmon.alerts.lifecycle.EpisodeMachine} replays them into episodes (open → escalated → resolved, with
 * minimum duration and hysteresis); the {@link io.envmon.alerts.lifecycle.AlertBook} compares the episodes with what
 * was published and turns only the difference into events.
 */
package io.envmon.alerts.lifecycle;
