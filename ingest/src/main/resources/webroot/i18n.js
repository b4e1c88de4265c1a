// The console's words in Chinese (default) and English (docs/console.md). Keys are the data-i18n attributes.
"use strict";

window.I18N = {
  zh: {
    title: "太谷区生态环境监测控制台", signIn: "登录", signOut: "退出", tokenLabel: "API 令牌",
    tokenHint: "令牌见 ENVMON_API_TOKENS 文件（docs/api.md）；只保存在本标签页的会话存储中。",
    district: "全区空气质量（各站最新小时 AQI）", station: "站点", category: "类别", primary: "首要污染物",
    hour: "小时", openAlerts: "未关闭告警", severity: "级别", site: "站点/企业", message: "内容", since: "开始",
    ack: "确认", ackDone: "已确认", live: "实时告警流", streamState: "连接状态", sections: "水质断面与目标",
    section: "断面", river: "河流", target: "目标", class: "本月类别", meets: "达标", deciding: "定类因子",
    hours: "有效小时", compliance: "企业达标与数据传输", enterprise: "企业", outlet: "排放口",
    transmission: "传输率", validity: "有效率", effective: "传输有效率", passes: "合格",
    exceedanceHours: "超标小时", openAlertsShort: "告警", reports: "报表下载（CSV）", month: "月份", year: "年份",
    rAirDaily: "空气质量日报", rAirMonthly: "空气质量月评价", rAirAnnual: "空气质量年评价",
    rWaterMonthly: "断面水质月报", rEnterpriseMonthly: "企业排放月报", outlets: "排放口与许可限值", type: "类型",
    parameter: "因子", limit: "许可限值", latest: "最新值", at: "时间", state: "状态",
    readings: "近 24 小时监测值与限值（北京时间）", myAlerts: "本企业告警", monthly: "本月数据传输与超标",
    yes: "是", no: "否", none: "无", noData: "无数据", exceeds: "超标", withinLimit: "达标",
    connected: "已连接", reconnecting: "重连中", bureau: "生态环境局", badToken: "令牌无效或已过期",
    forbidden: "无权查看", unavailable: "服务暂不可用", stack: "废气", wastewater: "废水",
    stations: "空气站", enterprises: "企业", sectionsLegend: "水质断面",
    cat: ["", "优", "良", "轻度污染", "中度污染", "重度污染", "严重污染"],
    sev: {info: "提示", warning: "警告", major: "严重", critical: "紧急"},
    st: {open: "未关闭", escalated: "已升级", acknowledged: "已确认", resolved: "已解除"},
    integrity: "数据真实性", pattern: "可疑模式", alertCount: "告警数", hoursAffected: "涉及小时",
    integrityHint: "数据真实性规则（稀释、贴限值、复制数据、标记滥用等）本月的发现，按企业与排放口；月份随下方报表月份。",
    rIntegrity: "数据真实性月报（CSV）", noFindings: "本月无发现",
    rule: {integrity_dilution: "稀释排放", integrity_parked_under_limit: "长时间贴近限值",
      integrity_copied_series: "数据复制", integrity_flag_misuse: "标记滥用",
      integrity_impossible_combination: "不可能的数值组合"}
  },
  en: {
    title: "Taigu District Environmental Monitoring Console", signIn: "Sign in", signOut: "Sign out",
    tokenLabel: "API token",
    tokenHint: "Tokens are in the ENVMON_API_TOKENS file (docs/api.md); kept in this tab's session storage only.",
    district: "District air quality (each station's latest hourly AQI)", station: "Station", category: "Category",
    primary: "Primary pollutant", hour: "Hour", openAlerts: "Open alerts", severity: "Severity", site: "Site",
    message: "Message", since: "Since", ack: "Acknowledge", ackDone: "Acknowledged", live: "Live alert stream",
    streamState: "Stream", sections: "Water sections against their targets", section: "Section", river: "River",
    target: "Target", class: "Class this month", meets: "Meets target", deciding: "Deciding parameters",
    hours: "Hours", compliance: "Enterprise compliance and data transmission", enterprise: "Enterprise",
    outlet: "Outlet", transmission: "Transmission", validity: "Validity", effective: "Effective rate",
    passes: "Passes", exceedanceHours: "Exceedance hours", openAlertsShort: "Alerts",
    reports: "Reports (CSV download)", month: "Month", year: "Year", rAirDaily: "Daily AQI",
    rAirMonthly: "Air, monthly evaluation", rAirAnnual: "Air, annual evaluation",
    rWaterMonthly: "Water sections, monthly", rEnterpriseMonthly: "Enterprise outlets, monthly",
    outlets: "Outlets and permit limits", type: "Type", parameter: "Parameter", limit: "Permit limit",
    latest: "Latest", at: "At", state: "State", readings: "Last 24 hours against the permit limits (Beijing time)",
    myAlerts: "Our alerts", monthly: "This month's transmission and exceedances", yes: "yes", no: "no",
    none: "none", noData: "no data", exceeds: "exceeds", withinLimit: "within limit", connected: "connected",
    reconnecting: "reconnecting", bureau: "Bureau", badToken: "Unknown or expired token", forbidden: "Not allowed",
    unavailable: "Service unavailable", stack: "flue gas", wastewater: "wastewater", stations: "Air stations",
    enterprises: "Enterprises", sectionsLegend: "Water sections",
    cat: ["", "Good", "Moderate", "Lightly polluted", "Moderately polluted", "Heavily polluted", "Severely polluted"],
    sev: {info: "info", warning: "warning", major: "major", critical: "critical"},
    st: {open: "open", escalated: "escalated", acknowledged: "acknowledged", resolved: "resolved"},
    integrity: "Data integrity", pattern: "Pattern", alertCount: "Alerts", hoursAffected: "Hours affected",
    integrityHint: "What the integrity rules (dilution, parked under the limit, copied series, flag misuse...) found "
        + "in the month, per enterprise and outlet; the month is the reports' month below.",
    rIntegrity: "Data integrity, monthly (CSV)", noFindings: "nothing found this month",
    rule: {integrity_dilution: "dilution", integrity_parked_under_limit: "parked under the limit",
      integrity_copied_series: "copied series", integrity_flag_misuse: "flag misuse",
      integrity_impossible_combination: "impossible combination"}
  }
};

// HJ 633-2012 Table 2: the colour of each AQI category (1 优 … 6 严重污染); grey where a station has no rated hour
window.AQI_COLOURS = ["#9e9e9e", "#00e400", "#ffff00", "#ff7e00", "#ff0000", "#99004c", "#7e0023"];
