/**
 * GB 3838-2002 surface-water classes (standards.md §4): single-factor class per parameter
 * ({@link io.envmon.alerts.water.Gb3838}, table in {@link io.envmon.alerts.water.Gb3838Item}) and the section class,
 * 劣V and exceedance multiples ({@link io.envmon.alerts.water.SectionClassifier}).
 */
package io.envmon.alerts.water;
