/**
 * The bureau's evaluation reports, as pure functions over stored records (docs/api.md#reports,
 * docs/standards/README.md "Reports"): the monthly and annual air evaluation from daily AQI records (HJ 663,
 * GB 3095 Table 4), a water section's monthly class from its hourly means (GB 3838 single factor), an outlet's
 * monthly transmission and validity rates and exceedance hours from its hourly means. No I/O, no clock: the caller
 * queries the rows and passes the period and {@code now} in.
 */
package io.envmon.alerts.report;
