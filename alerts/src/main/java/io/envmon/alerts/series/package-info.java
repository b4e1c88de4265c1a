/** Time-stamped values shared by the averaging helpers of the other packages. */
package io.envmon.alerts.series;
