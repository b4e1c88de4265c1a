package io.envmon.alerts.config;

/**
 * The per-site rules: the defaults of the rules file, or a site's own set where {@code alertOverrides} names it.
 */
public record RuleSet(Pm25HourlyConfig pm25Hourly, Pm25DailyConfig pm25Daily, WaterClassConfig waterClass,
                      PermitConfig permit, OfflineConfig offline, FlatlineConfig flatline,
                      FlagRuleConfig faultFlags, FlagRuleConfig maintenanceFlags,
                      IntegrityConfig integrity) {

    public RuleSet {
        ConfigChecks.present("pm25Hourly", pm25Hourly);
        ConfigChecks.present("pm25Daily", pm25Daily);
        ConfigChecks.present("waterClass", waterClass);
        ConfigChecks.present("permit", permit);
        ConfigChecks.present("offline", offline);
        ConfigChecks.present("flatline", flatline);
        ConfigChecks.present("faultFlags", faultFlags);
        ConfigChecks.present("maintenanceFlags", maintenanceFlags);
        ConfigChecks.present("integrity", integrity);
    }

    public static RuleSet defaults() {
        return new RuleSet(Pm25HourlyConfig.defaults(), Pm25DailyConfig.defaults(), WaterClassConfig.defaults(),
                PermitConfig.defaults(), OfflineConfig.defaults(), FlatlineConfig.defaults(),
                FlagRuleConfig.faultDefaults(), FlagRuleConfig.maintenanceDefaults(),
                IntegrityConfig.defaults());
    }
}
