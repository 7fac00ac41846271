// odecast live page: polls /api/series, then each series' observations and latest forecast, and draws
// them with uPlot, the forecast's prediction intervals shaded. After each draw the figure carries
// data-observed / data-forecast / data-intervals point counts and data-model-version, so the page can
// be checked from its DOM.
"use strict";

const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];
const REFRESH_MS = 2000;
const charts = new Map();

function text(tag, cls, content) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (content !== undefined) el.textContent = content;
  return el;
}

async function getJson(url) {
  const response = await fetch(url, { cache: "no-store" });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(url + ": HTTP " + response.status);
  return response.json();
}

function figureFor(id) {
  let fig = document.getElementById("series-" + id);
  if (!fig) {
    fig = text("figure", "series");
    fig.id = "series-" + id;
    fig.dataset.series = id;
    fig.append(text("h2", null, id), text("div", "meta"), text("div", "chart"));
    document.getElementById("series").append(fig);
  }
  return fig;
}

function describe(meta, s) {
  meta.replaceChildren();
  meta.append(text("span", s.modelVersion == null ? "badge" : "badge model",
      s.modelVersion == null ? "no model yet" : "model v" + s.modelVersion));
  const t = s.training || {};
  if (t.running) {
    meta.append(text("span", "badge training", "training…"));
  } else if (t.lastOutcome) {
    const loss = t.lastValidationLoss == null ? "" : ", validation loss " + t.lastValidationLoss.toPrecision(3);
    meta.append(text("span", t.lastOutcome === "failed" ? "badge failed" : "badge",
        "last training " + t.lastOutcome + " (" + t.lastEpochs + " epochs" + loss + ")"));
  }
  meta.append(text("span", null, s.count + " observations, latest t = " + s.latestTime.toPrecision(6)));
}

/** Observed points and the forecast's sampled points on one x axis (uPlot.join aligns the two tables). */
/**
 * Observed points and the forecast's sampled points (with their interval ends, null where the
 * forecast has none yet) on one x axis: uPlot.join aligns the two tables.
 */
function chartData(variables, observed, forecast) {
  const obs = [observed ? observed.times : []];
  const points = forecast ? forecast.points : [];
  const fc = [points.map(p => p.t)];
  for (const v of variables) {
    obs.push(observed ? observed.values[v] : []);
  }
  for (const v of variables) {
    fc.push(points.map(p => p.values[v]));
  }
  for (const end of ["lower", "upper"]) {
    for (const v of variables) {
      fc.push(points.map(p => (p[end] ? p[end][v] : null)));
    }
  }
  return uPlot.join([obs, fc]);
}

function chartOptions(variables, width) {
  const series = [{ label: "t" }];
  variables.forEach((v, i) => series.push({
    label: v + " observed", stroke: COLOURS[i % COLOURS.length], width: 0,
    points: { show: true, size: 6, fill: COLOURS[i % COLOURS.length] },
  }));
  variables.forEach((v, i) => series.push({
    label: v + " forecast", stroke: COLOURS[i % COLOURS.length], width: 2, dash: [6, 4], spanGaps: true,
    points: { show: false },
  }));
  for (const end of ["lower", "upper"]) {
    variables.forEach((v, i) => series.push({
      label: end === "upper" ? v + " interval" : v + " interval (lower)", stroke: COLOURS[i % COLOURS.length] + "55",
      width: 1, spanGaps: false, points: { show: false },
    }));
  }
  // shade each variable's prediction interval: the band between its upper and lower series
  const n = variables.length;
  const bands = variables.map((v, i) => ({ series: [1 + 3 * n + i, 1 + 2 * n + i], fill: COLOURS[i % COLOURS.length] + "22" }));
  // plain numbers on the time axis: series time is in the series' own unit (years, seconds, ...)
  const plain = (u, values) => values.map(v => String(+v.toPrecision(8)));
  return {
    width: width, height: 280, scales: { x: { time: false } }, series: series, bands: bands, legend: { live: false },
    axes: [{ values: plain }, { values: plain }],
  };
}

async function refreshSeries(s) {
  const id = s.series;
  const path = "/series/" + encodeURIComponent(id);
  const [observed, forecast] = await Promise.all([
    getJson(path + "/observations?limit=300"), s.modelVersion == null ? null : getJson(path + "/forecast")]);
  const fig = figureFor(id);
  describe(fig.querySelector(".meta"), s);
  const data = chartData(s.variables, observed, forecast);
  const holder = fig.querySelector(".chart");
  let chart = charts.get(id);
  if (!chart) {
    chart = new uPlot(chartOptions(s.variables, Math.max(400, holder.clientWidth || 540)), data, holder);
    charts.set(id, chart);
    // one legend entry per interval: hide the lower ends' (series 1 + 2n .. 3n; the legend's rows
    // start at series 1, the x series has none)
    const rows = chart.root.querySelectorAll(".u-legend .u-series");
    const n = s.variables.length;
    for (let i = 1 + 2 * n; i <= 3 * n; i++) {
      if (rows[i - 1]) rows[i - 1].style.display = "none";
    }
  } else {
    chart.setData(data);
  }
  fig.dataset.observed = observed ? observed.times.length : 0;
  fig.dataset.forecast = forecast ? forecast.points.length : 0;
  fig.dataset.intervals = forecast ? forecast.points.filter(p => p.lower).length : 0;
  fig.dataset.modelVersion = s.modelVersion == null ? "" : s.modelVersion;
}

async function refresh() {
  const status = document.getElementById("status");
  try {
    const answer = await getJson("/api/series");
    const list = (answer && answer.series) || [];
    list.sort((a, b) => a.series.localeCompare(b.series));
    await Promise.all(list.map(refreshSeries));
    // the charts in series order, whichever answered first (append moves an existing node)
    const main = document.getElementById("series");
    list.forEach(s => main.append(figureFor(s.series)));
    document.getElementById("empty").hidden = list.length > 0;
    const missing = answer && answer.unreachable && answer.unreachable.length
        ? " · unreachable instances: " + answer.unreachable.join(", ") : "";
    status.className = "";
    status.textContent = list.length + " series · updated " + new Date().toLocaleTimeString() + missing;
    document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1);
  } catch (e) {
    status.className = "error";
    status.textContent = "cannot reach odecast: " + e.message;
  }
  setTimeout(refresh, REFRESH_MS);
}

refresh();
