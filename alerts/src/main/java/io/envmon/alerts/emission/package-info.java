/**
 * Enterprise outlets (standards.md §6): conversion to the reference O2 with suppression near 21 %
 * ({@link io.envmon.alerts.emission.OxygenCorrection}), permit-limit checks with the early-warning share
 * ({@link io.envmon.alerts.emission.PermitCheck}) and which flagged samples enter means: N and T by default
 * ({@link io.envmon.alerts.emission.SampleFilter}).
 */
package io.envmon.alerts.emission;
