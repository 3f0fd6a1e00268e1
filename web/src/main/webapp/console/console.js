// The JESDB console: a page over the node's own API (/api, /metrics). Every value from the store
// is put into the page as text (textContent), never as HTML.
"use strict";

const REFRESH_MS = 2000;
const HISTORY = 60; // points per chart: 2 minutes at one every 2 s

const $ = (id) => document.getElementById(id);
const store = () => encodeURIComponent($("store").value.trim() || "default");
const storePath = () => "/api/stores/" + store();

async function getJson(path) {
  const response = await fetch(path, {headers: {Accept: "application/json"}});
  const text = await response.text();
  if (!response.ok) {
    let detail = text;
    try { detail = JSON.parse(text).detail || text; } catch (notJson) { /* keep the text */ }
    throw new Error(path + ": HTTP " + response.status + " " + detail);
  }
  return JSON.parse(text);
}

function showError(error) {
  $("error").hidden = !error;
  $("error").textContent = error ? String(error.message || error) : "";
}

/** Adds a row of text cells; answers the row. */
function row(tbody, cells, onClick) {
  const tr = document.createElement("tr");
  for (const cell of cells) {
    const td = document.createElement("td");
    if (cell && typeof cell === "object" && "json" in cell) {
      td.className = "json";
      td.textContent = cell.json === null || cell.json === undefined ? "" : JSON.stringify(cell.json);
    } else {
      td.textContent = cell === null || cell === undefined ? "" : String(cell);
    }
    tr.appendChild(td);
  }
  if (onClick) {
    tr.className = "link";
    tr.addEventListener("click", onClick);
  }
  tbody.appendChild(tr);
  return tr;
}

function body(tableId) {
  const tbody = $(tableId).querySelector("tbody");
  tbody.replaceChildren();
  return tbody;
}

// ---- views ----

const views = {
  async cluster() {
    const view = await getJson("/api/cluster");
    $("cluster-node").textContent = view.node;
    $("cluster-leader").textContent = view.leader || "none";
    $("cluster-commit").textContent = view.commitIndex;
    $("cluster-applied").textContent = view.appliedIndex;
    const tbody = body("cluster-members");
    for (const member of view.members) {
      row(tbody, [member.id, member.role, member.matchIndex < 0 ? "?" : member.matchIndex,
        member.lag < 0 ? "?" : member.lag, member.raftAddress]);
    }
    $("cluster-waiting").textContent = view.waiting.length ? view.waiting.join(", ") : "none";
  },

  async streams() {
    if (!streamsState.loaded) {
      await loadStreams(null);
    }
  },

  async subscriptions() {
    const list = await getJson(storePath() + "/subscriptions");
    const tbody = body("subscriptions-list");
    for (const s of list.subscriptions) {
      const tr = row(tbody, [s.name, {json: s.selector}, s.checkpoint, s.lag, s.inFlight, s.parked, s.consumers,
        s.delivered, s.acked, s.nacked], () => showParked(s.name));
      tr.dataset.subscription = s.name;
    }
    if (parkedState.name) {
      await showParked(parkedState.name);
    }
  },

  async snapshots() {
    const list = await getJson(storePath() + "/snapshots?limit=1000");
    const tbody = body("snapshots-list");
    for (const s of list.snapshots) {
      row(tbody, [s.source, s.stream, s.version, s.created, s.size]);
    }
  },

  async metrics() {
    // sampled by the timer whatever view shows; nothing more to load
  },
};

// ---- streams: paged by name, events paged by version ----

const streamsState = {loaded: false, next: null, stream: null, nextVersion: null};

async function loadStreams(after) {
  const list = await getJson(storePath() + "/streams?limit=100" + (after ? "&after=" + encodeURIComponent(after) : ""));
  const tbody = after ? $("streams-list").querySelector("tbody") : body("streams-list");
  for (const s of list.streams) {
    const tr = row(tbody, [s.name, s.version], () => showStream(s.name).catch(showError));
    tr.dataset.stream = s.name;
  }
  streamsState.loaded = true;
  streamsState.next = list.next;
  $("streams-more").hidden = !list.next;
}

async function showStream(name, from) {
  const page = await getJson(storePath() + "/streams/" + encodeURIComponent(name) + "?count=100&from=" + (from || 0));
  const tbody = from ? $("stream-events").querySelector("tbody") : body("stream-events");
  $("stream-detail").hidden = false;
  $("stream-name").textContent = name;
  for (const e of page.events) {
    row(tbody, [e.version, e.position, e.type, e.created, {json: e.data}, {json: e.metadata}]);
  }
  streamsState.stream = name;
  streamsState.nextVersion = page.next;
  $("stream-more").hidden = page.next === null || page.next === undefined || page.events.length === 0;
}

// ---- subscriptions: parked events and their replay ----

const parkedState = {name: null};

async function showParked(name) {
  const page = await getJson(storePath() + "/subscriptions/" + encodeURIComponent(name) + "/parked?limit=1000");
  parkedState.name = name;
  $("subscription-detail").hidden = false;
  $("subscription-name").textContent = name;
  const tbody = body("subscription-parked");
  for (const p of page.events) {
    row(tbody, [p.position, p.stream, p.version, p.type, p.attempts, p.parkedAt, p.reason]);
  }
}

async function replayParked() {
  const name = parkedState.name;
  const response = await fetch(storePath() + "/subscriptions/" + encodeURIComponent(name) + "/parked/replay",
      {method: "POST", headers: {Accept: "application/json"}});
  const answer = await response.json();
  if (!response.ok) {
    throw new Error("replay: " + (answer.detail || response.status));
  }
  $("subscription-replayed").textContent = answer.replayed + " replayed";
  await views.subscriptions();
}

// ---- metrics: Prometheus text, sampled every 2 s ----

/** {name: [{labels: {...}, value}]} from Prometheus text. */
function parsePrometheus(text) {
  const out = {};
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/);
    if (!match) continue;
    const labels = {};
    for (const pair of (match[3] || "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]] = pair[2];
    }
    (out[match[1]] = out[match[1]] || []).push({labels, value: Number(match[4])});
  }
  return out;
}

function total(samples, name, filter) {
  return (samples[name] || []).filter((s) => !filter || filter(s.labels)).reduce((sum, s) => sum + s.value, 0);
}

const series = {append: [], read: [], commit: [], errors: []};
let previous = null;

async function sampleMetrics() {
  const response = await fetch("/metrics?scope=application", {headers: {Accept: "text/plain"}});
  const samples = parsePrometheus(await response.text());
  const now = {
    at: Date.now(),
    appended: total(samples, "jesdb_append_events_total"),
    read: total(samples, "jesdb_read_events_total"),
    errors: total(samples, "jesdb_errors_total"),
  };
  const median = (samples.jesdb_raft_commit_microseconds || []).find((s) => s.labels.quantile === "0.5");
  if (previous) {
    const seconds = Math.max(0.001, (now.at - previous.at) / 1000);
    push("append", (now.appended - previous.appended) / seconds);
    push("read", (now.read - previous.read) / seconds);
    push("errors", (now.errors - previous.errors) / seconds);
  }
  push("commit", median ? median.value / 1000 : 0);
  previous = now;
  $("metric-appended").textContent = now.appended;
  $("metric-append-rate").textContent = last("append");
  $("metric-read-rate").textContent = last("read");
  $("metric-error-rate").textContent = last("errors");
  $("metric-commit").textContent = last("commit");
  const tbody = body("metrics-subscriptions");
  for (const lag of samples.jesdb_subscription_lag || []) {
    const name = lag.labels.subscription;
    const of = (metric) => total(samples, metric, (labels) => labels.subscription === name);
    row(tbody, [name, lag.value, of("jesdb_subscription_inflight"), of("jesdb_subscription_parked")]);
  }
  draw("chart-append", series.append);
  draw("chart-read", series.read);
  draw("chart-commit", series.commit);
  draw("chart-errors", series.errors);
}

function push(name, value) {
  series[name].push(Math.max(0, value));
  if (series[name].length > HISTORY) series[name].shift();
}

function last(name) {
  const values = series[name];
  return values.length ? values[values.length - 1].toFixed(1) : "–";
}

/** A line chart of the values, scaled to their maximum. */
function draw(canvasId, values) {
  const canvas = $(canvasId);
  const g = canvas.getContext("2d");
  g.clearRect(0, 0, canvas.width, canvas.height);
  const max = Math.max(1, ...values);
  g.fillStyle = "#6b7385";
  g.font = "11px sans-serif";
  g.fillText(max.toFixed(1), 2, 11);
  g.strokeStyle = "#2f6fde";
  g.lineWidth = 2;
  g.beginPath();
  values.forEach((value, i) => {
    const x = (i / (HISTORY - 1)) * (canvas.width - 4) + 2;
    const y = canvas.height - 4 - (value / max) * (canvas.height - 20);
    if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
  });
  g.stroke();
}

// ---- navigation ----

function currentView() {
  const name = location.hash.replace("#", "");
  return name in views ? name : "cluster";
}

async function show() {
  const name = currentView();
  for (const section of document.querySelectorAll(".view")) {
    section.hidden = section.id !== "view-" + name;
  }
  for (const link of document.querySelectorAll("nav a")) {
    link.classList.toggle("active", link.dataset.view === name);
  }
  try {
    await views[name]();
    showError(null);
  } catch (error) {
    showError(error);
  }
}

async function tick() {
  try {
    await sampleMetrics();
    const name = currentView();
    if (name === "cluster" || name === "subscriptions") {
      await views[name]();
    }
  } catch (error) {
    showError(error);
  }
}

window.addEventListener("hashchange", show);
$("store").addEventListener("change", () => {
  streamsState.loaded = false;
  parkedState.name = null;
  $("stream-detail").hidden = true;
  $("subscription-detail").hidden = true;
  show();
});
$("streams-more").addEventListener("click", () => loadStreams(streamsState.next).catch(showError));
$("stream-more").addEventListener("click", () => showStream(streamsState.stream, streamsState.nextVersion).catch(showError));
$("subscription-replay").addEventListener("click", () => replayParked().catch(showError));
show();
tick();
setInterval(tick, REFRESH_MS);
