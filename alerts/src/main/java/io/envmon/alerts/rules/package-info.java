/**
 * The alert rules, each a pure decision from a point's (or the district's) data to
 * {@link io.envmon.alerts.lifecycle.Observation}s, readable beside the standard it encodes: PM2.5 1-h category
 * (HJ 633), PM2.5 24-h limit (GB 3095), district heavy-pollution episode (2018 scheme), water class (GB 3838),
 * permit limits with O2 conversion, flat-line and flag data-quality rules. The offline rule depends on the wall
 * clock and lives in the engine.
 */
package io.envmon.alerts.rules;
