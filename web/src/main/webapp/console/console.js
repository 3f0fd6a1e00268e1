// The JESDB console: a page over the node's own API (/api, /metrics). Every value from the store
// is put into the page as text (textContent), never as HTML. With security on, the page asks for a
// sign-in when the API answers 401, and sends a bearer token with every call from then on.
"use strict";

const REFRESH_MS = 2000;
const HISTORY = 60; // points per chart: 2 minutes at one every 2 s
const PAGE_SIZE = 100; // streams or snapshots per page of their lists, events per page of a stream

const $ = (id) => document.getElementById(id);

/**
 * A name as one path segment. encodeURIComponent leaves dots alone, so "." and ".." would be
 * dot segments that move the request up the path; browsers treat "%2E" as a dot too (the WHATWG
 * URL rules), so a segment made only of dots also gets an empty matrix parameter (";"), which
 * keeps it a segment of its own and which the server drops from the name.
 */
function segment(name) {
  const encoded = encodeURIComponent(name);
  return /^\.+$/.test(name) ? encoded.replaceAll(".", "%2E") + ";" : encoded;
}

const storeName = () => $("store").value.trim() || "default";
const storePath = () => "/api/stores/" + segment(storeName());

/** An error answer; the problem's detail (application/problem+json) when it has one. */
class HttpError extends Error {
  constructor(path, status, detail) {
    super(path + ": HTTP " + status + (detail ? " " + detail : ""));
    this.status = status;
  }
}

/**
 * Fetches path as the signed-in user; answers the response once it is ok, and throws an HttpError
 * otherwise. A 401 shows the sign-in form instead (SignInRequired); any other answer proves the
 * caller may use the API, and shows the views.
 */
async function request(path, init = {}) {
  const response = await fetch(path, {...init, headers: apiHeaders(init.headers)});
  if (response.status === 401) {
    askToSignIn(storedToken() ? "Your session has ended: sign in again." : "");
    throw new SignInRequired();
  }
  showViews();
  if (!response.ok) {
    throw new HttpError(path, response.status, problemDetail(await response.text()));
  }
  return response;
}

function problemDetail(text) {
  try {
    const problem = JSON.parse(text);
    if (problem && typeof problem === "object" && Object.hasOwn(problem, "detail") && typeof problem.detail === "string") {
      return problem.detail;
    }
  } catch (notJson) {
    // not a problem document: the text says what went wrong
  }
  return text.slice(0, 300);
}

async function getJson(path) {
  return (await request(path, {headers: {Accept: "application/json"}})).json();
}

async function postJson(path) {
  return (await request(path, {method: "POST", headers: {Accept: "application/json"}})).json();
}

/** Sends value as JSON with method (PUT, POST); answers the response. */
async function sendJson(method, path, value) {
  return request(path, {method, body: JSON.stringify(value),
    headers: {Accept: "application/json", "Content-Type": "application/json"}});
}

/** A member of server data, or undefined when the object does not hold it itself. */
function own(object, name) {
  return object !== null && typeof object === "object" && Object.hasOwn(object, name) ? object[name] : undefined;
}

/** The `next` of a page: where the next page starts, or null on the last page. */
function nextOf(page) {
  const next = own(page, "next");
  return next === undefined ? null : next;
}

function showError(error) {
  if (error instanceof SignInRequired) {
    return; // the sign-in form says it
  }
  $("error").hidden = !error;
  $("error").textContent = error ? String(error.message || error) : "";
}

/** Adds a row of text cells; answers the row. A cell {json: value} shows the value as JSON. */
function row(tbody, cells, onClick) {
  const tr = document.createElement("tr");
  for (const cell of cells) {
    const td = document.createElement("td");
    if (cell !== null && typeof cell === "object" && Object.hasOwn(cell, "json")) {
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

// ---- signing in, when the node runs with JESDB_SECURITY=on ----

// The token lives in this tab's sessionStorage until sign-out or its expiry; the password is sent
// once, to get it, and never kept.
const TOKEN_KEY = "jesdb-token";

/** A 401: the caller must sign in; the form says so, so no error is shown for it. */
class SignInRequired extends Error {
  constructor() {
    super("sign-in required");
  }
}

function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * The headers of an API call: the token, once signed in, and X-Requested-With, for which the node
 * answers a 401 without a Basic challenge, so that the browser never opens its own password dialog.
 */
function apiHeaders(headers) {
  const out = {...headers, "X-Requested-With": "XMLHttpRequest"};
  const token = storedToken();
  if (token) {
    out.Authorization = "Bearer " + token;
  }
  return out;
}

const signInShown = () => !$("sign-in").hidden;

/** Hides the views and shows the form; the first of several 401s answered together decides the message. */
function askToSignIn(message) {
  if (signInShown()) {
    return;
  }
  sessionStorage.removeItem(TOKEN_KEY);
  $("views").hidden = true;
  $("signed-in").hidden = true;
  showError(null);
  signInMessage(message);
  $("sign-in").hidden = false;
  $("sign-in-user").focus();
}

/** Shows the views once the API has answered (not while the form waits: a late answer must not reveal them). */
function showViews() {
  if (signInShown() || !$("views").hidden) {
    return;
  }
  $("views").hidden = false;
  const token = storedToken();
  $("signed-in").hidden = !token;
  $("signed-in-user").textContent = token ? tokenUser(token) : "";
}

/**
 * The user a token was issued to (its MicroProfile JWT `upn` claim), only to show it: the node
 * checks the token's signature, this page cannot and need not.
 */
function tokenUser(token) {
  try {
    const payload = token.split(".")[1].replaceAll("-", "+").replaceAll("_", "/");
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
    const upn = own(claims, "upn");
    return typeof upn === "string" ? upn : "?";
  } catch (notAJwt) {
    return "?";
  }
}

function signInMessage(message) {
  $("sign-in-error").hidden = !message;
  $("sign-in-error").textContent = message;
}

/** HTTP Basic credentials; the pair is UTF-8, as the node decodes it (btoa alone takes only Latin-1). */
function basic(user, password) {
  const bytes = new TextEncoder().encode(user + ":" + password);
  return "Basic " + btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));
}

/** Trades the form's user and password for a token (POST /api/token), then starts the page afresh as that user. */
async function signIn(event) {
  event.preventDefault();
  const authorization = basic($("sign-in-user").value, $("sign-in-password").value);
  $("sign-in-password").value = "";
  $("sign-in-submit").disabled = true;
  try {
    const response = await fetch("/api/token", {method: "POST",
      headers: {Accept: "application/json", "X-Requested-With": "XMLHttpRequest", Authorization: authorization}});
    if (!response.ok) {
      signInMessage(await refusal(response));
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, (await response.json()).token);
    restart();
  } catch (error) {
    signInMessage("The node did not answer: " + String(error.message || error));
  } finally {
    $("sign-in-submit").disabled = false;
  }
}

/** What the form says of a refused sign-in. */
async function refusal(response) {
  if (response.status === 401) {
    return "Wrong user name or password.";
  }
  if (response.status === 429) {
    const wait = response.headers.get("Retry-After");
    return "Too many failed sign-ins" + limitedBy(await response.text()) + ": try again "
      + (/^\d+$/.test(wait || "") ? "in " + wait + " s." : "later.");
  }
  return "Sign-in failed: HTTP " + response.status + " " + problemDetail(await response.text());
}

/** Whether a 429 too-many-sign-ins limits the user name or the address, as words for the form; empty when it does not say. */
function limitedBy(text) {
  try {
    const limited = JSON.parse(text).limited;
    return limited === "name" ? " for this user name" : limited === "address" ? " from this address" : "";
  } catch (notJson) {
    return "";
  }
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  restart();
}

/**
 * Loads the page again: nothing of what the previous user was shown (tables, pages, charts) stays
 * in it, and requests still on their way are dropped. Without a token the first call answers 401,
 * which shows the form.
 */
function restart() {
  location.reload();
}

// ---- views ----

const views = {
  async cluster() {
    const view = await getJson("/api/cluster");
    $("cluster-node").textContent = view.node;
    $("cluster-leader").textContent = own(view, "leader") || "none";
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
    await streamPages.load();
  },

  async subscriptions() {
    const list = await getJson(storePath() + "/subscriptions");
    const tbody = body("subscriptions-list");
    for (const s of list.subscriptions) {
      const tr = row(tbody, [s.name, {json: s.selector}, s.checkpoint, s.lag, s.inFlight, s.parked, s.consumers,
        s.delivered, s.acked, s.nacked], () => showParked(s.name).catch(showError));
      tr.dataset.subscription = s.name;
    }
    if (parkedState.name !== null) {
      await showParked(parkedState.name);
    }
  },

  async snapshots() {
    await snapshotPages.load();
  },

  async metrics() {
    // sampled by the poll whatever view shows; nothing more to load
  },

  async users() {
    let list;
    try {
      list = await getJson("/api/users");
    } catch (error) {
      if (error instanceof HttpError && error.status === 403) {
        $("users-admins-only").hidden = false;
        $("users-admin").hidden = true;
        return;
      }
      throw error;
    }
    $("users-admins-only").hidden = true;
    $("users-admin").hidden = false;
    const tbody = body("users-list");
    for (const user of list) {
      row(tbody, [user.name, user.roles.join(", ")], () => editUser(user));
    }
    const rules = await getJson("/api/access-rules");
    $("rules-json").value = JSON.stringify(rules, null, 2);
  },
};

// ---- users and access rules (admins): the API's own calls, its answers shown as they come ----

/** Puts a user's name and roles into the form, for a new password or other roles. */
function editUser(user) {
  $("user-name").value = user.name;
  $("user-roles").value = user.roles.join(", ");
  $("user-password").value = "";
  $("user-saved").textContent = "";
  $("user-password").focus();
}

function rolesOfForm() {
  return $("user-roles").value.split(",").map((role) => role.trim()).filter((role) => role.length > 0);
}

/** Creates the user or replaces its password and roles (PUT /api/users/{name}); the node checks every field. */
async function saveUser(event) {
  event.preventDefault();
  const name = $("user-name").value.trim();
  const password = $("user-password").value;
  $("user-password").value = "";
  await sendJson("PUT", "/api/users/" + segment(name), {password, roles: rolesOfForm()});
  $("user-saved").textContent = "saved " + name;
  await views.users();
}

async function deleteUser() {
  const name = $("user-name").value.trim();
  if (!name) {
    return;
  }
  await request("/api/users/" + segment(name), {method: "DELETE"});
  $("user-saved").textContent = "deleted " + name;
  $("user-name").value = "";
  $("user-roles").value = "";
  await views.users();
}

/** Replaces the access rules with the text area's JSON; the node refuses what is not valid, naming the field. */
async function saveRules(event) {
  event.preventDefault();
  let rules;
  try {
    rules = JSON.parse($("rules-json").value);
  } catch (notJson) {
    throw new Error("the access rules are not JSON: " + notJson.message);
  }
  await sendJson("PUT", "/api/access-rules", rules);
  $("rules-saved").textContent = "saved";
  await views.users();
}

// ---- streams, their events and snapshots: pages of PAGE_SIZE, with next and previous ----

/**
 * Pages through a listing whose answers say where the next page starts. `starts` holds the start
 * of every page up to the one shown, so "previous" goes back exactly. Only the answer to the latest
 * request is shown: a slow answer to an earlier click never overwrites a later one.
 */
class Pager {
  constructor(prefix, fetchPage, render) {
    this.prefix = prefix;
    this.fetchPage = fetchPage;
    this.render = render;
    this.reset(null);
    $(prefix + "-next").addEventListener("click", () => this.next().catch(showError));
    $(prefix + "-previous").addEventListener("click", () => this.previous().catch(showError));
  }

  /** Back to the first page, which starts at `first`; an answer still on its way is then ignored. */
  reset(first) {
    this.starts = [first];
    this.following = null;
    this.latest = (this.latest || 0) + 1;
  }

  /** Loads the page now shown (again). */
  async load() {
    const ticket = ++this.latest;
    const start = this.starts[this.starts.length - 1];
    const page = await this.fetchPage(start);
    if (ticket !== this.latest) {
      return;
    }
    this.following = nextOf(page);
    this.render(page);
    $(this.prefix + "-next").hidden = this.following === null;
    $(this.prefix + "-previous").hidden = this.starts.length === 1;
    $(this.prefix + "-page").textContent = this.starts.length === 1 && this.following === null ? "" : "page " + this.starts.length;
  }

  async next() {
    if (this.following !== null) {
      this.starts.push(this.following);
      await this.load();
    }
  }

  async previous() {
    if (this.starts.length > 1) {
      this.starts.pop();
      await this.load();
    }
  }
}

const streamPages = new Pager("streams",
    (after) => getJson(storePath() + "/streams?limit=" + PAGE_SIZE + (after === null ? "" : "&after=" + encodeURIComponent(after))),
    (list) => {
      const tbody = body("streams-list");
      for (const s of list.streams) {
        const tr = row(tbody, [s.name, s.version], () => showStream(s.name).catch(showError));
        tr.dataset.stream = s.name;
      }
    });

const snapshotPages = new Pager("snapshots",
    (after) => getJson(storePath() + "/snapshots?limit=" + PAGE_SIZE + (after === null ? "" : "&after=" + encodeURIComponent(after))),
    (list) => {
      const tbody = body("snapshots-list");
      for (const s of list.snapshots) {
        row(tbody, [s.source, s.stream, s.version, s.created, s.size]);
      }
    });

const eventState = {stream: null};

const eventPages = new Pager("stream",
    (from) => getJson(storePath() + "/streams/" + segment(eventState.stream) + "?count=" + PAGE_SIZE + "&from=" + from),
    (page) => {
      const tbody = body("stream-events");
      for (const e of page.events) {
        row(tbody, [e.version, e.position, e.type, e.created, {json: e.data}, {json: e.metadata}]);
      }
    });

async function showStream(name) {
  eventState.stream = name;
  eventPages.reset(0);
  $("stream-name").textContent = name;
  body("stream-events");
  $("stream-detail").hidden = false;
  await eventPages.load();
}

// ---- subscriptions: parked events and their replay ----

const parkedState = {name: null};

async function showParked(name) {
  let page;
  try {
    page = await getJson(storePath() + "/subscriptions/" + segment(name) + "/parked?limit=1000");
  } catch (error) {
    if (error instanceof HttpError && error.status === 404 && parkedState.name === name) {
      clearParked(); // the subscription was deleted: nothing of it is left to show
      return;
    }
    throw error;
  }
  if (parkedState.name !== name) {
    $("subscription-replayed").textContent = "";
  }
  parkedState.name = name;
  $("subscription-detail").hidden = false;
  $("subscription-name").textContent = name;
  const tbody = body("subscription-parked");
  for (const p of page.events) {
    row(tbody, [p.position, p.stream, p.version, p.type, p.attempts, p.parkedAt, p.reason]);
  }
}

function clearParked() {
  parkedState.name = null;
  $("subscription-detail").hidden = true;
  $("subscription-name").textContent = "";
  $("subscription-replayed").textContent = "";
  body("subscription-parked");
}

async function replayParked() {
  const name = parkedState.name;
  if (name === null) {
    return;
  }
  let answer;
  try {
    answer = await postJson(storePath() + "/subscriptions/" + segment(name) + "/parked/replay");
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) {
      clearParked();
    }
    throw error;
  }
  $("subscription-replayed").textContent = answer.replayed + " replayed";
  await views.subscriptions();
}

// ---- metrics: Prometheus text, sampled every 2 s ----

/** Map of name to [{labels, value}] from Prometheus text; labels has no prototype (names come from the server). */
function parsePrometheus(text) {
  const out = new Map();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/);
    if (!match) continue;
    const labels = Object.create(null);
    for (const pair of (match[3] || "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]] = pair[2];
    }
    if (!out.has(match[1])) out.set(match[1], []);
    out.get(match[1]).push({labels, value: Number(match[4])});
  }
  return out;
}

function samplesOf(samples, name) {
  return samples.get(name) || [];
}

function total(samples, name, filter) {
  return samplesOf(samples, name).filter((s) => !filter || filter(s.labels)).reduce((sum, s) => sum + s.value, 0);
}

const series = {append: [], read: [], commit: [], errors: []};
let previous = null;

/** Set once /metrics answers 403 (a user neither admin nor of role metrics): not asked again. */
let metricsRefused = false;

async function sampleMetrics() {
  if (metricsRefused) {
    return;
  }
  let response;
  try {
    response = await request("/metrics?scope=application", {headers: {Accept: "text/plain"}});
  } catch (error) {
    if (error instanceof HttpError && error.status === 403) {
      metricsRefused = true;
      $("metrics-refused").hidden = false;
      return;
    }
    throw error;
  }
  const samples = parsePrometheus(await response.text());
  const now = {
    at: Date.now(),
    appended: total(samples, "jesdb_append_events_total"),
    read: total(samples, "jesdb_read_events_total"),
    errors: total(samples, "jesdb_errors_total"),
  };
  const median = samplesOf(samples, "jesdb_raft_commit_microseconds").find((s) => s.labels.quantile === "0.5");
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
  for (const lag of samplesOf(samples, "jesdb_subscription_lag")) {
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
  return Object.hasOwn(views, name) ? name : "cluster";
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

/** One refresh at a time: the next is scheduled only once this one is answered, so slow answers never pile up. */
async function poll() {
  try {
    if (!signInShown()) {
      await tick();
    }
  } finally {
    setTimeout(poll, REFRESH_MS);
  }
}

window.addEventListener("hashchange", show);
$("store").addEventListener("change", () => {
  streamPages.reset(null);
  snapshotPages.reset(null);
  eventState.stream = null;
  clearParked();
  $("stream-detail").hidden = true;
  show();
});
$("subscription-replay").addEventListener("click", () => replayParked().catch(showError));
$("user-form").addEventListener("submit", (event) => saveUser(event).catch(showError));
$("user-delete").addEventListener("click", () => deleteUser().catch(showError));
$("rules-form").addEventListener("submit", (event) => saveRules(event).catch(showError));
$("sign-in").addEventListener("submit", signIn);
$("sign-out").addEventListener("click", signOut);
show();
poll();
