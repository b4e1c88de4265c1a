// The envmon web console (docs/console.md). Everything it shows comes from the API with the signed-in token; the
// token is kept in sessionStorage (this tab only) and sent as a bearer token, or as ?access_token= on the live
// stream only (EventSource cannot set headers). Data is put into the page as text, never as HTML.
"use strict";
(() => {
  const TOKEN_KEY = "envmon.token";
  const LANG_KEY = "envmon.lang";
  const BUREAU_POLL_MS = 15000;
  const SLOW_POLL_MS = 300000;
  const DAY_MS = 86400000;
  /** ECharts 5 shows times in the browser's zone or in UTC only: times are shifted by +8 h and shown "in UTC". */
  const BEIJING_OFFSET_MS = 8 * 3600000;

  let lang = localStorage.getItem(LANG_KEY) === "en" ? "en" : "zh";
  let sites = null;     // GET /api/sites: who is signed in and what they may see
  let stream = null;    // the EventSource
  let timers = [];
  let refreshSoon = null;
  let streamState = null; // the i18n key of the stream's state, shown again when the language changes
  const data = {latest: [], alerts: [], sections: null, compliance: null, integrity: null, readings: {}, monthly: null,
    live: []};
  const charts = {};

  const $ = (sel) => document.querySelector(sel);
  const t = (key) => (I18N[lang][key] !== undefined ? I18N[lang][key] : key);

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined || v === false) return;
      if (k === "style") Object.assign(e.style, v);
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : String(v));
    });
    children.flat().forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(c ?? "")));
    return e;
  }

  function fill(tbody, rows) {
    tbody.replaceChildren(...rows);
  }

  function fmtTime(iso) {
    if (!iso) return "–";
    return new Date(iso).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB",
        {timeZone: "Asia/Shanghai", hour12: false, year: "numeric", month: "2-digit", day: "2-digit",
          hour: "2-digit", minute: "2-digit"});
  }

  /** For the chart tooltips, which ECharts renders as HTML. */
  const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;",
    "\"": "&quot;", "'": "&#39;"})[c]);
  const pct = (x) => (x === null || x === undefined ? "–" : (x * 100).toFixed(1) + "%");
  const yesNo = (b) => (b === null || b === undefined ? "–" : b ? t("yes") : t("no"));
  const num = (x) => (x === null || x === undefined ? "–" : String(x));
  const thisMonth = () => new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 7); // Beijing time

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, options) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const res = await fetch(path, Object.assign({}, options,
        {headers: Object.assign({Authorization: "Bearer " + token}, (options || {}).headers)}));
    if (res.status === 401) {
      signOut(t("badToken"));
      throw new ApiError(401, t("badToken"));
    }
    if (!res.ok) {
      let message = res.statusText;
      try {
        message = (await res.json()).error || message;
      } catch (e) { /* not JSON */ }
      throw new ApiError(res.status, message);
    }
    return res;
  }

  const getJson = async (path) => (await api(path)).json();

  function showError(err) {
    const p = $("#error");
    if (!err) {
      p.hidden = true;
      return;
    }
    p.textContent = err.status === 403 ? t("forbidden") + ": " + err.message
        : err.status === 503 ? t("unavailable") + ": " + err.message : String(err.message || err);
    p.hidden = false;
  }

  /** Runs a loader; a failure is shown, not thrown (the other parts of the page go on). */
  async function guarded(loader) {
    try {
      await loader();
    } catch (e) {
      if (e.status !== 401) showError(e);
    }
  }

  // ---- language ----

  function applyLanguage() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = t("title");
    document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
    $("#lang").textContent = lang === "zh" ? "English" : "中文";
    renderWho();
    renderStreamState();
    renderAll();
  }

  // ---- sign in and out ----

  async function signIn(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    try {
      sites = await getJson("/api/sites");
    } catch (e) {
      if (e.status !== 401) showError(e);
      return;
    }
    showError(null);
    $("#signin-view").hidden = true;
    $("#signout").hidden = false;
    const who = sites.principal;
    const isBureau = !who.enterprise;
    document.body.dataset.role = isBureau ? "bureau" : "enterprise";
    renderWho();
    $("#bureau-view").hidden = !isBureau;
    $("#enterprise-view").hidden = isBureau;
    openStream();
    if (isBureau) {
      await Promise.all([loadBureauFast(), loadBureauSlow()]);
      timers.push(setInterval(loadBureauFast, BUREAU_POLL_MS), setInterval(loadBureauSlow, SLOW_POLL_MS));
    } else {
      await loadEnterprise();
      timers.push(setInterval(loadEnterprise, BUREAU_POLL_MS * 4));
    }
    document.body.dataset.loaded = "true";
  }

  function renderWho() {
    if (!sites) return;
    const who = sites.principal;
    $("#whoami").textContent = who.name + " · " + (who.enterprise ? who.enterprise : t("bureau"));
  }

  function renderStreamState() {
    if (!sites) return;
    $(sites.principal.enterprise ? "#ent-stream-state" : "#stream-state").textContent = streamState ? t(streamState) : "–";
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    timers.forEach(clearInterval);
    timers = [];
    if (stream) stream.close();
    stream = null;
    streamState = null;
    sites = null;
    Object.values(charts).forEach((c) => c.dispose());
    Object.keys(charts).forEach((k) => delete charts[k]);
    Object.assign(data, {latest: [], alerts: [], sections: null, compliance: null, integrity: null, readings: {},
      monthly: null, live: []});
    delete document.body.dataset.role;
    delete document.body.dataset.loaded;
    $("#whoami").textContent = "";
    $("#stream-state").textContent = "–";
    $("#ent-stream-state").textContent = "–";
    $("#bureau-view").hidden = true;
    $("#enterprise-view").hidden = true;
    $("#signin-view").hidden = false;
    $("#signout").hidden = true;
    $("#token").value = "";
    showError(message ? {message} : null);
  }

  // ---- live stream ----

  function openStream() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    stream = new EventSource("/api/alerts/stream?access_token=" + encodeURIComponent(token));
    stream.onopen = () => { streamState = "connected"; renderStreamState(); };
    stream.onerror = () => { streamState = "reconnecting"; renderStreamState(); };
    stream.addEventListener("alert", (ev) => {
      let event;
      try {
        event = JSON.parse(ev.data);
      } catch (e) {
        return;
      }
      data.live.unshift(event);
      data.live.length = Math.min(data.live.length, 50);
      renderLive();
      clearTimeout(refreshSoon); // a burst of events is one refresh
      refreshSoon = setTimeout(() => (sites.principal.enterprise ? loadEnterprise() : loadBureauFast()), 1000);
    });
  }

  function renderLive() {
    fill($("#live-list"), data.live.map((e) => el("li", {"data-alert-id": e.id, class: "sev-" + e.severity},
        fmtTime(e.ts || e.startedAt) + " · " + (t("st")[e.state] || e.state) + " · " + siteLabel(e) + " · " + message(e.message))));
  }

  // ---- bureau ----

  async function loadBureauFast() {
    await Promise.all([
      guarded(async () => { data.latest = await getJson("/api/air/latest"); renderAqi(); }),
      guarded(async () => { data.alerts = await getJson("/api/alerts?limit=500"); renderAlerts(); renderCompliance(); })
    ]);
  }

  async function loadBureauSlow() {
    await Promise.all([
      guarded(async () => {
        data.sections = await getJson("/api/reports/water/monthly?pageSize=1000");
        renderSections();
        renderAqi(); // the sections on the map take their colour from it
      }),
      guarded(async () => {
        data.compliance = await getJson("/api/reports/enterprise/monthly?pageSize=1000");
        renderCompliance();
      }),
      loadIntegrity()
    ]);
  }

  /** The bureau's integrity view of the reports' month (GET /api/integrity; an enterprise token never asks). */
  async function loadIntegrity() {
    await guarded(async () => {
      data.integrity = await getJson("/api/integrity?month=" + encodeURIComponent(reportMonth()));
      renderIntegrity();
    });
  }

  function category(entry) {
    return entry && entry.category ? entry.category : 0;
  }

  function renderAqi() {
    if (!sites || sites.principal.enterprise) return;
    const latest = new Map(data.latest.map((s) => [s.station, s]));
    fill($("#station-table tbody"), sites.air.map((s) => {
      const l = latest.get(s.id) || {};
      const c = category(l);
      return el("tr", {"data-station": s.id, "data-category": c},
          el("td", {}, s.name + " (" + s.id + ")"), el("td", {}, num(l.aqi)),
          el("td", {}, el("span", {class: "swatch", "data-colour": AQI_COLOURS[c], style: {background: AQI_COLOURS[c]}}),
              " " + (c ? t("cat")[c] : t("noData"))),
          el("td", {}, l.primary || "–"), el("td", {}, fmtTime(l.hour)));
    }));
    $("#aqi-legend").replaceChildren(...[1, 2, 3, 4, 5, 6].map((c) =>
        el("span", {}, el("span", {class: "swatch", style: {background: AQI_COLOURS[c]}}), " " + t("cat")[c])));
    drawMap(latest);
  }

  function drawMap(latest) {
    if (typeof echarts === "undefined") return;
    const chart = charts.map || (charts.map = echarts.init($("#aqi-map"), null, {renderer: "svg"}));
    const stations = sites.air.filter((s) => s.lat != null && s.lon != null).map((s) => {
      const l = latest.get(s.id) || {};
      const c = category(l);
      return {id: s.id, name: s.name, value: [s.lon, s.lat, l.aqi], category: c,
        itemStyle: {color: AQI_COLOURS[c], borderColor: "#333", borderWidth: 1}};
    });
    const classes = new Map(((data.sections || {}).items || []).map((s) => [s.section, s]));
    const sections = sites.water.filter((s) => s.lat != null && s.lon != null).map((s) => {
      const r = classes.get(s.id);
      return {id: s.id, name: s.name, value: [s.lon, s.lat],
        itemStyle: {color: r && r.meetsTarget === false ? "#d32f2f" : "#1e88e5"}};
    });
    const enterprises = sites.enterprises.filter((e) => e.lat != null && e.lon != null)
        .map((e) => ({id: e.id, name: e.name, value: [e.lon, e.lat]}));
    chart.setOption({
      animation: false,
      tooltip: {
        formatter: (p) => p.seriesIndex === 0
            ? esc(p.data.name + " (" + p.data.id + ")") + "<br>AQI " + esc(num(p.data.value[2])) + " · "
              + esc(p.data.category ? t("cat")[p.data.category] : t("noData"))
            : esc(p.data.name + " (" + p.data.id + ")")
      },
      legend: {bottom: 0, data: [t("stations"), t("sectionsLegend"), t("enterprises")]},
      grid: {left: 50, right: 20, top: 20, bottom: 50},
      xAxis: {type: "value", min: (v) => +(v.min - 0.02).toFixed(2), max: (v) => +(v.max + 0.04).toFixed(2),
        axisLabel: {formatter: (v) => v.toFixed(2)}},
      yAxis: {type: "value", min: (v) => +(v.min - 0.01).toFixed(2), max: (v) => +(v.max + 0.01).toFixed(2),
        axisLabel: {formatter: (v) => v.toFixed(2)}},
      series: [
        {name: t("stations"), type: "scatter", symbolSize: 22, z: 3, data: stations, itemStyle: {color: AQI_COLOURS[0]},
          label: {show: true, position: "right", formatter: (p) => p.data.name}},
        {name: t("sectionsLegend"), type: "scatter", symbol: "triangle", symbolSize: 12, z: 2, data: sections,
          itemStyle: {color: "#1e88e5"}},
        {name: t("enterprises"), type: "scatter", symbol: "rect", symbolSize: 6, z: 1, data: enterprises,
          itemStyle: {color: "#757575"}}
      ]
    }, true);
  }

  /** The service writes each alert message as "中文 / English": the part in the console's language. */
  function message(text) {
    const i = (text || "").indexOf(" / ");
    return i < 0 ? text : lang === "zh" ? text.slice(0, i) : text.slice(i + 3);
  }

  function siteLabel(e) {
    return e.site + (e.point ? "/" + e.point : "");
  }

  function renderAlerts() {
    if (!sites || sites.principal.enterprise) return;
    fill($("#alerts-table tbody"), data.alerts.map((a) => el("tr", {"data-alert-id": a.id, class: "sev-" + a.severity},
        el("td", {}, (t("sev")[a.severity] || a.severity)), el("td", {}, a.kind + " " + siteLabel(a)),
        el("td", {}, message(a.message)), el("td", {}, fmtTime(a.startedAt)),
        el("td", {}, a.acknowledgedBy
            ? t("ackDone") + " · " + a.acknowledgedBy
            : el("button", {type: "button", class: "ack", onclick: () => acknowledge(a.id)}, t("ack"))))));
  }

  async function acknowledge(id) {
    await guarded(async () => {
      await api("/api/alerts/" + encodeURIComponent(id) + "/ack", {method: "POST",
        headers: {"Content-Type": "application/json"}, body: "{}"});
      data.alerts = await getJson("/api/alerts?limit=500");
      renderAlerts();
    });
  }

  function renderSections() {
    if (!data.sections) return;
    $("#sections-period").textContent = data.sections.period || "";
    fill($("#sections-table tbody"), data.sections.items.map((s) => el("tr",
        {"data-section": s.section, class: s.meetsTarget === false ? "bad" : null},
        el("td", {}, s.name + " (" + s.section + ")"), el("td", {}, s.river || "–"), el("td", {}, s.target),
        el("td", {}, s.class || "–"), el("td", {}, yesNo(s.meetsTarget)),
        el("td", {}, (s.deciding || []).join(", ") || "–"), el("td", {}, num(s.hours)))));
  }

  function renderCompliance() {
    if (!data.compliance) return;
    $("#compliance-period").textContent = data.compliance.period || "";
    const alertsBySite = {};
    data.alerts.filter((a) => a.kind === "enterprise")
        .forEach((a) => { alertsBySite[a.site] = (alertsBySite[a.site] || 0) + 1; });
    fill($("#compliance-table tbody"), data.compliance.items.map((o) => {
      const exceed = (o.parameters || []).reduce((n, p) => n + (p.exceedanceHours || 0), 0);
      return el("tr", {"data-enterprise": o.enterprise, "data-outlet": o.outlet,
        class: o.passes === false || exceed > 0 ? "bad" : null},
      el("td", {}, o.enterpriseName + " (" + o.enterprise + ")"), el("td", {}, (o.outletName || "") + " " + o.outlet),
      el("td", {}, pct(o.transmissionRate)), el("td", {}, pct(o.validityRate)), el("td", {}, pct(o.effectiveRate)),
      el("td", {}, yesNo(o.passes)), el("td", {}, String(exceed)), el("td", {}, String(alertsBySite[o.enterprise] || 0)));
    }));
  }

  function renderIntegrity() {
    if (!data.integrity) return;
    $("#integrity-period").textContent = data.integrity.month || "";
    const rows = [];
    (data.integrity.enterprises || []).forEach((e) => (e.outlets || []).forEach((o) =>
      Object.entries(o.patterns || {}).forEach(([rule, p]) => rows.push(el("tr",
          {"data-enterprise": e.enterprise, "data-outlet": o.outlet, "data-rule": rule, class: "bad"},
          el("td", {}, (e.name || "") + " (" + e.enterprise + ")"), el("td", {}, (o.name || "") + " " + o.outlet),
          el("td", {}, t("rule")[rule] || rule), el("td", {}, num(p.alerts)), el("td", {}, num(p.hours)))))));
    if (rows.length === 0) rows.push(el("tr", {}, el("td", {colspan: 5, class: "hint"}, t("noFindings"))));
    fill($("#integrity-table tbody"), rows);
  }

  // ---- enterprise ----

  async function loadEnterprise() {
    const e = sites.enterprises[0];
    if (!e) return;
    const from = new Date(Date.now() - DAY_MS).toISOString();
    await Promise.all([
      ...e.outlets.map((o) => guarded(async () => {
        data.readings[o.id] = await getJson("/api/readings/enterprise/" + encodeURIComponent(e.id) + "/"
            + encodeURIComponent(o.id) + "?limit=10000&from=" + encodeURIComponent(from));
      })),
      guarded(async () => { data.alerts = await getJson("/api/alerts?limit=500"); }),
      guarded(async () => {
        data.monthly = await getJson("/api/reports/enterprise/monthly?pageSize=1000&enterprise="
            + encodeURIComponent(e.id));
      })
    ]);
    renderEnterprise();
  }

  function limitText(l) {
    return l.min !== undefined ? "[" + l.min + ", " + l.max + "]" : "≤ " + l.max;
  }

  function renderEnterprise() {
    if (!sites || !sites.principal.enterprise) return;
    const e = sites.enterprises[0];
    if (!e) return;
    $("#enterprise-name").textContent = e.name + " (" + e.id + ")";
    const rows = [];
    e.outlets.forEach((o) => {
      const readings = data.readings[o.id] || [];
      Object.entries(o.limits).forEach(([p, l]) => {
        const last = readings.find((r) => r.values[p] !== undefined);
        const v = last ? last.values[p] : null;
        const bad = v !== null && (v > l.max || (l.min !== undefined && v < l.min));
        rows.push(el("tr", {"data-outlet": o.id, "data-parameter": p, class: bad ? "bad" : null},
            el("td", {}, (o.name || "") + " " + o.id), el("td", {}, t(o.type)), el("td", {}, p),
            el("td", {}, limitText(l)), el("td", {}, num(v)), el("td", {}, fmtTime(last && last.ts)),
            el("td", {}, v === null ? t("noData") : bad ? t("exceeds") : t("withinLimit"))));
      });
    });
    fill($("#outlets-table tbody"), rows);
    drawOutletCharts(e);
    fill($("#ent-alerts-table tbody"), data.alerts.map((a) => el("tr", {"data-alert-id": a.id, class: "sev-" + a.severity},
        el("td", {}, t("sev")[a.severity] || a.severity), el("td", {}, siteLabel(a)), el("td", {}, message(a.message)),
        el("td", {}, fmtTime(a.startedAt)), el("td", {}, t("st")[a.state] || a.state))));
    if (data.monthly) {
      $("#ent-monthly-period").textContent = data.monthly.period || "";
      fill($("#ent-monthly-table tbody"), data.monthly.items.map((o) => el("tr", {"data-outlet": o.outlet},
          el("td", {}, (o.outletName || "") + " " + o.outlet), el("td", {}, pct(o.transmissionRate)),
          el("td", {}, pct(o.validityRate)), el("td", {}, pct(o.effectiveRate)), el("td", {}, yesNo(o.passes)),
          el("td", {}, (o.parameters || []).map((p) => p.parameter + " " + p.exceedanceHours).join(", ") || "–"))));
    }
  }

  function drawOutletCharts(e) {
    if (typeof echarts === "undefined") return;
    const box = $("#outlet-charts");
    e.outlets.forEach((o) => {
      let div = document.getElementById("chart-" + o.id);
      if (!div) {
        div = el("div", {id: "chart-" + o.id, class: "chart small", "data-outlet": o.id});
        box.append(el("h3", {}, (o.name || "") + " " + o.id), div);
      }
      const chart = charts[o.id] || (charts[o.id] = echarts.init(div, null, {renderer: "svg"}));
      const readings = (data.readings[o.id] || []).slice().reverse();
      const top = Math.max(...Object.values(o.limits).map((l) => l.max));
      chart.setOption({
        animation: false,
        useUTC: true,
        tooltip: {trigger: "axis"},
        legend: {top: 0},
        grid: {left: 50, right: 30, top: 30, bottom: 30},
        xAxis: {type: "time"},
        yAxis: {type: "value", min: 0, max: (v) => Math.ceil(Math.max(v.max, top) * 1.1 / 10) * 10},
        series: Object.entries(o.limits).map(([p, l]) => ({
          name: p, type: "line", showSymbol: false,
          data: readings.filter((r) => r.values[p] !== undefined)
              .map((r) => [Date.parse(r.ts) + BEIJING_OFFSET_MS, r.values[p]]),
          markLine: {symbol: "none", label: {position: "insideEndTop", formatter: p + " " + limitText(l)},
            lineStyle: {type: "dashed"},
            data: [{yAxis: l.max}].concat(l.min !== undefined ? [{yAxis: l.min}] : [])}
        }))
      }, true);
    });
  }

  function renderAll() {
    if (!sites) return;
    if (sites.principal.enterprise) {
      renderEnterprise();
    } else {
      renderAqi();
      renderAlerts();
      renderSections();
      renderCompliance();
      renderIntegrity();
    }
    renderLive();
  }

  // ---- reports ----

  const reportMonth = () => $("#report-month").value || thisMonth();

  function reportQuery(report) {
    const month = reportMonth();
    const year = $("#report-year").value || month.slice(0, 4);
    const q = new URLSearchParams({format: "csv", pageSize: "1000"});
    if (report === "air/daily") {
      const [y, m] = month.split("-").map(Number);
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      q.set("from", month + "-01");
      q.set("to", month + "-" + String(last).padStart(2, "0"));
    } else if (report === "air/annual") {
      q.set("year", year);
    } else {
      q.set("month", month);
    }
    if (sites.principal.enterprise) q.set("enterprise", sites.principal.enterprise);
    return q;
  }

  function download(button) {
    const report = button.dataset.report;
    return saveCsv(button, "/api/reports/" + report + "?" + reportQuery(report),
        "envmon-" + report.replace("/", "-") + ".csv");
  }

  /** Fetches a CSV with the token and hands it to the browser as a file, named as the service names it. */
  async function saveCsv(button, path, fallbackName) {
    await guarded(async () => {
      const res = await api(path);
      const blob = await res.blob();
      const disposition = res.headers.get("Content-Disposition") || "";
      const match = /filename="?([^";]+)"?/.exec(disposition);
      const name = match ? match[1] : fallbackName;
      const url = URL.createObjectURL(blob);
      const a = el("a", {href: url, download: name});
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      button.dataset.downloaded = name + " " + blob.size; // what was fetched, for the browser tests
    });
  }

  // ---- start ----

  document.addEventListener("DOMContentLoaded", () => {
    $("#report-month").value = thisMonth();
    $("#report-year").value = thisMonth().slice(0, 4);
    $("#lang").addEventListener("click", () => {
      lang = lang === "zh" ? "en" : "zh";
      localStorage.setItem(LANG_KEY, lang);
      applyLanguage();
    });
    $("#signout").addEventListener("click", () => signOut());
    $("#signin-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      signIn($("#token").value.trim());
    });
    document.querySelectorAll("button[data-report]").forEach((b) => b.addEventListener("click", () => download(b)));
    $("#integrity-csv").addEventListener("click", (ev) => saveCsv(ev.currentTarget,
        "/api/integrity?format=csv&month=" + encodeURIComponent(reportMonth()), "envmon-integrity.csv"));
    $("#report-month").addEventListener("change", () => { if (sites && !sites.principal.enterprise) loadIntegrity(); });
    window.addEventListener("resize", () => Object.values(charts).forEach((c) => c.resize()));
    applyLanguage();
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) signIn(token);
  });
})();
