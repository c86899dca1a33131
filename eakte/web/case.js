// The case page: /api/cases/{key} drawn as a timeline (SVG bands for status, employment, school; documents
// as marks) and the checks with their evidence. A click on a band, a mark or an evidence button fetches the
// page image with the token and shows it as a blob: URL. "Bericht (PDF)" fetches the printable report with the
// token and saves it through a blob: link. Case data is only ever set as text, never markup.
"use strict";
const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
const STATUS_DE = { gestattet: "gestattet", geduldet: "geduldet", geduldet_60b: "geduldet (§ 60b)",
  erlaubt: "erlaubt", fiktion: "Fiktion", unknown: "unbekannt" };
const VERDICT_DE = { met: "erfüllt", not_met: "nicht erfüllt", unknown: "unbekannt" };
const EVENT_DE = { entry: "Einreise", application: "Antrag", bamf_hearing: "BAMF-Anhörung",
  bamf_decision: "BAMF-Bescheid", court_decision: "Gerichtsentscheidung", birth_certificate: "Geburtsurkunde" };
let imageUrl = null;
let shown = null; // the case on screen ({key, at}): the report is made for exactly that view

function token() { return sessionStorage.getItem("eakte-token") || ""; }

async function api(path, asBlob) {
  const res = await fetch(path, { headers: { Authorization: "Bearer " + token() } });
  if (res.status === 401) {
    sessionStorage.removeItem("eakte-token");
    $("who").textContent = "Anmeldung fehlgeschlagen: API-Token ungültig";
    $("who").className = "error";
    throw new Error("Bitte mit einem gültigen API-Token anmelden.");
  }
  if (res.status === 404) { throw new Error("Keine Akte oder Person mit dieser Kennung."); }
  if (res.status === 422) { throw new Error("Ungültiger Stichtag."); }
  if (!res.ok) { throw new Error("Fehler " + res.status); }
  return asBlob ? res.blob() : res.json();
}

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function de(iso) {
  if (!iso) return "offen";
  const [y, m, d] = iso.split("-");
  return d + "." + m + "." + y;
}

async function openEvidence(ev) {
  $("status").textContent = "lade Seite …";
  try {
    const blob = await api("/api/documents/" + encodeURIComponent(ev.document_id) + "/pages/" + ev.doc_page, true);
    if (imageUrl) URL.revokeObjectURL(imageUrl);
    imageUrl = URL.createObjectURL(blob);
    const img = $("page-image");
    img.src = imageUrl;
    img.dataset.doc = ev.document_id;
    img.dataset.page = String(ev.doc_page);
    $("viewer-title").textContent = "Beleg: " + ev.document_id + ", Seite " + ev.doc_page + " (Blatt " + ev.page +
      " der Quelle)";
    $("viewer").hidden = false;
    $("status").textContent = "";
  } catch (e) { $("status").textContent = e.message; }
}

function evidenceButtons(evs) {
  const span = el("span");
  for (const ev of evs.slice(0, 6)) {
    const b = el("button", { type: "button", class: "ev", "data-doc": ev.document_id, "data-page": ev.doc_page },
      ev.document_id + " S. " + ev.doc_page);
    b.addEventListener("click", () => openEvidence(ev));
    span.append(b);
  }
  if (evs.length > 6) span.append(el("span", {}, "+" + (evs.length - 6)));
  return span;
}

function drawTimeline(view) {
  const at = new Date(view.at);
  const dates = [at];
  for (const i of view.intervals) { dates.push(new Date(i.start)); if (i.end) dates.push(new Date(i.end)); }
  for (const d of view.documents) if (d.document_date) dates.push(new Date(d.document_date));
  const min = new Date(Math.min(...dates)), max = new Date(Math.max(...dates));
  const from = new Date(min.getFullYear(), 0, 1), to = new Date(max.getFullYear() + 1, 0, 1);
  const W = 1000, LEFT = 110, H = 170;
  const x = (d) => LEFT + (W - LEFT - 10) * (new Date(d) - from) / (to - from);
  const root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Zeitleiste" });
  const rows = [["status", "Status", 20], ["employment", "Beschäftigung", 55], ["school", "Schule", 90],
    ["documents", "Dokumente", 125]];
  for (const [, label, y] of rows) root.append(svg("text", { x: 4, y: y + 14, class: "rowlabel" }, label));
  for (let y = from.getFullYear(); y <= to.getFullYear(); y++) {
    const xx = x(new Date(y, 0, 1));
    root.append(svg("line", { x1: xx, x2: xx, y1: 15, y2: 150, stroke: "#ddd" }));
    root.append(svg("text", { x: xx + 2, y: 165, class: "tick" }, y));
  }
  for (const i of view.intervals) {
    const kind = i.kind.startsWith("status:") ? "status" : i.kind;
    const row = rows.find((r) => r[0] === kind);
    if (!row) continue;
    const cls = i.kind.startsWith("status:") ? i.kind.slice(7) : i.kind;
    const x1 = x(i.start), x2 = Math.max(x(i.end || i.start), x1 + 2);
    const r = svg("rect", { x: x1, y: row[2], width: x2 - x1, height: 22, class: "band k-" + cls,
      "data-kind": i.kind, "data-doc": i.evidence[0].document_id, "data-page": i.evidence[0].doc_page });
    r.append(svg("title", {}, (STATUS_DE[cls] || cls) + " " + de(i.start) + "–" + de(i.end) +
      (i.label ? " (" + i.label + ")" : "")));
    r.addEventListener("click", () => openEvidence(i.evidence[0]));
    root.append(r);
  }
  for (const d of view.documents) {
    if (!d.document_date) continue;
    const ev = { document_id: d.document_id, doc_page: 1, page: d.first_page };
    const c = svg("circle", { cx: x(d.document_date), cy: 136, r: 4, class: "mark", "data-doc": d.document_id,
      "data-page": 1 });
    c.append(svg("title", {}, (d.title || d.doc_type) + " " + de(d.document_date)));
    c.addEventListener("click", () => openEvidence(ev));
    root.append(c);
  }
  const xa = x(view.at);
  root.append(svg("line", { x1: xa, x2: xa, y1: 10, y2: 150, class: "at" }));
  $("timeline").replaceChildren(root);
  const legend = $("legend");
  legend.replaceChildren();
  for (const [k, label] of Object.entries(STATUS_DE)) legend.append(el("span", { class: "k-" + k }, label));
}

function render(view) {
  const p = view.person;
  const head = $("head");
  head.replaceChildren();
  head.append(el("p", {}, "Stichtag " + de(view.at) + " · Regeln " + view.rules));
  if (p) {
    head.append(el("p", { id: "person" }, p.names.join(" / ") + " · geboren " + de(p.birth_date) +
      " · Staatsangehörigkeit " + (p.nationality || "unbekannt") + " · Akten " +
      p.akten.join(", ") + " · Verknüpfungssicherheit " + p.link_confidence.toFixed(2)));
  }
  drawTimeline(view);
  const body = $("checks").querySelector("tbody");
  body.replaceChildren();
  for (const c of view.checks) {
    const tr = el("tr", { class: c.verdict, "data-check": c.name });
    tr.append(el("td", { title: c.rule }, c.name), el("td", {}, VERDICT_DE[c.verdict]), el("td", {}, c.value),
      el("td", {}, c.missing.join("; ")));
    const td = el("td");
    td.append(evidenceButtons(c.evidence));
    tr.append(td);
    body.append(tr);
  }
  const events = $("events");
  events.replaceChildren();
  for (const e of view.events) {
    const detail = Object.entries(e.detail).map(([k, v]) => k + ": " + v).join(", ");
    const li = el("li", { "data-kind": e.kind }, de(e.start) + " " + (EVENT_DE[e.kind] || e.kind) + " " + e.value +
      (detail ? " (" + detail + ") " : " "));
    li.append(evidenceButtons([e.evidence]));
    events.append(li);
  }
  const persons = $("persons");
  persons.replaceChildren();
  for (const q of view.persons) {
    persons.append(el("li", {}, q.names.join(" / ") + " · geboren " + de(q.birth_date) + " · " + q.documents.length +
      " Dokumente · Verknüpfungssicherheit " + q.link_confidence.toFixed(2) +
      (p && q.person_id === p.person_id ? " (Hauptperson)" : "")));
  }
  const list = $("findings");
  list.replaceChildren();
  for (const f of view.findings) {
    const li = el("li", { class: f.kind }, f.kind + ": " + f.what + (f.start ? " (" + de(f.start) + "–" +
      de(f.end) + ")" : "") + " ");
    li.append(evidenceButtons(f.evidence));
    list.append(li);
  }
}

async function show() {
  const key = $("key").value;
  if (!key) return;
  const at = $("at").value;
  const url = new URL(location.href);
  url.searchParams.set("key", key);
  if (at) url.searchParams.set("at", at); else url.searchParams.delete("at");
  history.replaceState(null, "", url);
  $("status").textContent = "lade Fall …";
  try {
    const view = await api("/api/cases/" + encodeURIComponent(key) + (at ? "?at=" + encodeURIComponent(at) : ""));
    render(view);
    shown = { key: key, at: at };
    $("report").disabled = false;
    $("status").textContent = "";
  } catch (e) { $("status").textContent = e.message; }
}

async function downloadReport() {
  if (!shown) return;
  const { key, at } = shown;
  $("status").textContent = "erstelle Bericht …";
  try {
    const blob = await api("/api/cases/" + encodeURIComponent(key) + "/report.pdf" +
      (at ? "?at=" + encodeURIComponent(at) : ""), true);
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: "fallbericht-" + key.replace(/[^A-Za-z0-9_-]/g, "_") + ".pdf" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    $("status").textContent = "Bericht erstellt.";
  } catch (e) { $("status").textContent = e.message; }
}

// The Akten a page at a time (the list is paginated: an authority has thousands); "weitere Akten laden"
// fetches the next page into the same list.
async function loadCases(cursor) {
  const page = await api("/api/cases?limit=200" + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
  const select = $("key");
  for (const r of page.cases) {
    select.append(el("option", { value: r.akte_id }, r.akte_id + " – " + (r.name || "?") + " (" + r.pages + " S.)"));
  }
  const more = $("more");
  more.hidden = !page.next_cursor;
  more.onclick = page.next_cursor ? () => loadCases(page.next_cursor).catch((e) => {
    $("status").textContent = e.message;
  }) : null;
}

async function start() {
  try {
    const me = await api("/api/me");
    $("who").textContent = "angemeldet als " + me.user;
    $("who").className = "ok";
  } catch (e) { $("status").textContent = e.message; return; }
  const select = $("key");
  select.replaceChildren(el("option", { value: "" }, "Akte wählen …"));
  await loadCases(null);
  const params = new URLSearchParams(location.search);
  if (params.get("at")) $("at").value = params.get("at");
  const key = params.get("key");
  if (key) {
    if (![...select.options].some((o) => o.value === key)) select.append(el("option", { value: key }, key));
    select.value = key;
    show();
  }
}

$("login").addEventListener("submit", (ev) => {
  ev.preventDefault();
  sessionStorage.setItem("eakte-token", $("token").value);
  $("token").value = "";
  start();
});
$("pick").addEventListener("submit", (ev) => { ev.preventDefault(); show(); });
$("key").addEventListener("change", () => { $("report").disabled = true; });
$("report").addEventListener("click", downloadReport);
if (token()) start();
