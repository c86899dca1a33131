// The search page: plain JS over the JSON API. The token lives in sessionStorage (gone with the tab);
// page images and the PDF are fetched with the token and shown as blob: URLs, since <img> and frames
// cannot send headers. Labels come from labels.js. Document text is only ever set as text, never markup.
"use strict";
const $ = (id) => document.getElementById(id);
let offset = 0;
let lastText = ""; // the words of the search whose hits are shown: highlighted in the text view
const LIMIT = 20;

function token() { return sessionStorage.getItem("eakte-token") || ""; }

const BAD_TOKEN = "Anmeldung fehlgeschlagen: Das API-Token ist ungültig. Bitte mit einem gültigen API-Token anmelden.";
const BAD_TOKEN_SHORT = "Anmeldung fehlgeschlagen: API-Token ungültig";

function loggedOut(message) {
  sessionStorage.removeItem("eakte-token");
  $("who").textContent = message;
  $("who").className = "error";
  $("results").replaceChildren();
  clearDocument();
}

async function api(path, asBlob) {
  const res = await fetch(path, { headers: { Authorization: "Bearer " + token() } });
  if (res.status === 401) { loggedOut(BAD_TOKEN_SHORT); throw new Error(BAD_TOKEN); }
  if (res.status === 422) { throw new Error(await invalidMessage(res)); }
  if (!res.ok) { throw new Error("Fehler " + res.status); }
  return asBlob ? res.blob() : res.json();
}

// A token is only "angemeldet" once the API has accepted it (GET /api/me answers with its name).
async function checkLogin() {
  try {
    const me = await api("/api/me");
    $("who").textContent = "angemeldet als " + me.user;
    $("who").className = "ok";
    return true;
  } catch (e) {
    if (token()) { $("who").textContent = "Anmeldung nicht möglich: " + e.message; $("who").className = "error"; }
    return false;
  }
}

const FIELD_NAMES = { text: "Volltext", date_from: "Datum von", date_to: "Datum bis", doc_type: "Dokumenttyp",
  doc_subtype: "Untertyp", review: "Prüfung", review_reason: "Prüfgrund", court: "Gericht", party: "Person",
  file_number: "Aktenzeichen", akte_id: "Akte", date_role: "Datum", sort: "Sortierung" };

// A refused search names the fields (never their values); a server without the review filter says so.
async function invalidMessage(res) {
  let fields = [];
  try { fields = ((await res.json()).detail || []).map((d) => (d.loc || []).slice(-1)[0]).filter(Boolean); } catch (e) { /* no JSON */ }
  if (fields.some((f) => f === "review" || f === "review_reason")) {
    return "Der Server kennt den Prüffilter noch nicht: bitte Prüfung und Prüfgrund auf „alle“ stellen.";
  }
  const names = [...new Set(fields.map((f) => FIELD_NAMES[f] || f))];
  return "Ungültige Eingabe" + (names.length ? ": " + names.join(", ") : "") + " (z. B. ein Datum, das es nicht gibt).";
}

function clearDocument() {
  for (const u of objectUrls) URL.revokeObjectURL(u);
  objectUrls = [];
  const view = $("document");
  view.hidden = true;
  view.replaceChildren();
  delete view.dataset.id;
}

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// The snippet is plain text; `highlights` are [start, end) offsets in code points (Array.from splits by
// code point, not UTF-16 unit). Built from text nodes and <mark> elements: document text is never HTML.
function snippetNode(snippet, highlights) {
  const div = document.createElement("div");
  div.className = "snippet";
  const chars = Array.from(snippet);
  let at = 0;
  for (const [start, end] of highlights || []) {
    if (start < at || end <= start) continue;
    div.append(document.createTextNode(chars.slice(at, start).join("")));
    const mark = document.createElement("mark");
    mark.textContent = chars.slice(start, end).join("");
    div.append(mark);
    at = end;
  }
  div.append(document.createTextNode(chars.slice(at).join("")));
  return div;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

// blob: URLs of the open document (page images, PDF): revoked when it closes, so the bytes are freed.
let objectUrls = [];
function blobUrl(blob) { const u = URL.createObjectURL(blob); objectUrls.push(u); return u; }
let docSeq = 0;

function filterFields() { return [...$("search").querySelectorAll(".filters [name]")]; }

// The search's filters as API parameters (`text` for the words); only fields that are set.
function filterParams() {
  const p = new URLSearchParams();
  const text = $("q").value.trim();
  if (text) p.set("text", text);
  for (const f of filterFields()) if (f.value.trim()) p.set(f.name, f.value.trim());
  return p;
}

function params() {
  const p = filterParams();
  p.set("limit", LIMIT); p.set("offset", offset);
  return p;
}

// The search in the address bar (?q=…&court=…), so it can be bookmarked; never the token.
function saveUrl() {
  const u = filterParams();
  if (u.has("text")) { u.set("q", u.get("text")); u.delete("text"); }
  if (offset) u.set("offset", offset);
  const query = u.toString();
  history.replaceState(null, "", query ? "?" + query : location.pathname);
}

function restoreUrl() {
  const u = new URLSearchParams(location.search);
  $("q").value = u.get("q") || "";
  for (const f of filterFields()) f.value = u.get(f.name) || "";
  offset = Math.max(0, parseInt(u.get("offset") || "0", 10) || 0);
}

function fillSelects() {
  for (const sel of document.querySelectorAll("select[data-labels]")) {
    const kind = sel.dataset.labels;
    const entries = Object.entries(LABELS[kind]).filter(([code]) => !(kind === "date_role" && code === "document_date"))
      .sort((a, b) => a[1].localeCompare(b[1], "de"));
    for (const [code, text] of entries) sel.append(el("option", { value: code }, text));
  }
}

function courtText(c) {
  if (!c) return "";
  return c.name || [c.type === "other" ? label("court_type", c.type) : c.type, c.place].filter(Boolean).join(" ");
}

function typeText(d) {
  return d.doc_subtype ? label("doc_subtype", d.doc_subtype) : label("doc_type", d.doc_type);
}

async function runSearch() {
  $("status").textContent = "Suche …";
  const text = $("q").value.trim();
  saveUrl();
  try {
    const data = await api("/api/search?" + params().toString());
    lastText = text;
    const list = $("results");
    list.innerHTML = "";
    for (const hit of data.hits) {
      const d = hit.document;
      const li = document.createElement("li");
      li.dataset.id = d.document_id;
      li.innerHTML = `<div><span class="type">${esc(typeText(d))}</span> · ${esc(d.document_date ? deDate(d.document_date) : "ohne Datum")}` +
        (d.court ? ` · ${esc(courtText(d.court))}` : "") +
        (d.review && d.review.needed ? ` <span class="badge review">zu prüfen</span>` : "") + `</div>` +
        `<div class="meta">${esc(d.file_numbers.map((f) => f.value).join(", "))} ${esc(d.parties.map((p) => p.name).join(", "))}</div>`;
      if (hit.snippet) li.append(snippetNode(hit.snippet, hit.highlights));
      li.addEventListener("click", () => showDocument(d.document_id, li));
      list.appendChild(li);
    }
    // The detail pane shows only a document among the current hits.
    const open = $("document").dataset.id;
    if (open && !data.hits.some((h) => h.document.document_id === open)) clearDocument();
    for (const li of list.children) li.classList.toggle("active", li.dataset.id === $("document").dataset.id);
    const shown = data.hits.length ? `${offset + 1}–${offset + data.hits.length}` : "0";
    // Beyond 1,000 matches the total is a lower bound ("mehr als"), with the database's estimate if it has one.
    const about = data.total_estimate ? `, geschätzt ${data.total_estimate.toLocaleString("de-DE")}` : "";
    const order = data.sort === "date_desc" && text ? ", neueste zuerst" : "";
    $("status").textContent = `${data.total_exact ? "" : "mehr als "}${data.total.toLocaleString("de-DE")} Treffer` +
      `${about} (${shown}${order})`;
    const more = data.total_exact ? offset + LIMIT < data.total : data.hits.length === LIMIT;
    $("pager").hidden = offset === 0 && !more;
    $("prev").disabled = offset === 0;
    $("next").disabled = !more;
    showFacets();
  } catch (e) {
    // no hits of an earlier search under the message: they would pass for this search's
    $("status").textContent = e.message;
    $("results").replaceChildren();
    clearDocument();
    $("facets").hidden = true;
    $("pager").hidden = true;
  }
}

// Facets: /api/facets answers counts by doc_type, year and court for the same filters. Until the server
// has it (or when it fails) the column stays hidden. Accepted shapes per facet: {value: count} or
// [{value, count}] (optionally under "facets").
function facetEntries(raw) {
  const text = (v) => (v && typeof v === "object" ? courtText(v) : String(v));
  if (Array.isArray(raw)) return raw.map((x) => [text(x.value ?? x.key ?? x.name), Number(x.count)]);
  if (raw && typeof raw === "object") return Object.entries(raw).map(([k, v]) => [k, Number(v)]);
  return [];
}

const FACETS = [
  ["doc_type", "Dokumenttyp", (v) => label("doc_type", v), (v) => ({ doc_type: v })],
  ["year", "Jahr", (v) => v, (v) => ({ date_role: "", date_from: `${v}-01-01`, date_to: `${v}-12-31` })],
  ["court", "Gericht", (v) => v, (v) => ({ court: v })],
];

async function showFacets() {
  const box = $("facets");
  const p = filterParams();
  p.delete("sort"); // counts do not depend on the order
  let data;
  try {
    const res = await fetch("/api/facets?" + p.toString(), { headers: { Authorization: "Bearer " + token() } });
    if (!res.ok) throw new Error(String(res.status));
    data = await res.json();
  } catch (e) { box.hidden = true; box.replaceChildren(); return; }
  const all = data.facets || data;
  const groups = [];
  for (const [key, title, show, filter] of FACETS) {
    const entries = facetEntries(all[key]).filter(([v, n]) => v && v !== "null" && n > 0);
    if (!entries.length) continue;
    if (key === "year") entries.sort((a, b) => b[0].localeCompare(a[0])); else entries.sort((a, b) => b[1] - a[1]);
    groups.push(el("section", { class: "facet", "data-facet": key }, el("h3", {}, title),
      el("ul", {}, ...entries.map(([v, n]) => el("li", {}, el("button", { type: "button", class: "link", "data-value": v,
        onclick: () => applyFilter(filter(v)) }, show(v), " ", el("span", { class: "count" }, n.toLocaleString("de-DE"))))))));
  }
  box.replaceChildren(...groups);
  box.hidden = groups.length === 0;
}

function applyFilter(values) {
  for (const [name, value] of Object.entries(values)) {
    const f = $("search").querySelector(`.filters [name="${name}"]`);
    if (f) f.value = value;
  }
  offset = 0;
  runSearch();
}

// Per-code-unit folding (lower case, no diacritics) that keeps every index, so that matches found in the
// folded text mark the same characters of the original.
function fold(s) {
  let out = "";
  for (const c of s) {
    const f = c.normalize("NFD").toLowerCase();
    out += c.length === 1 ? (f[0] || c) : c;
  }
  return out;
}

function queryWords(text) {
  const words = fold(text || "").match(/[\p{L}\p{N}]{2,}/gu) || [];
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

// The document text as text nodes, with <mark> around words that start like a query word. Built with
// textContent only: the document text never becomes markup.
function highlighted(text, words) {
  const frag = document.createDocumentFragment();
  if (!words.length) { frag.append(text); return frag; }
  const folded = fold(text);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join("|")})`, "gu");
  let last = 0;
  for (const m of folded.matchAll(pattern)) {
    if (m.index > last) frag.append(text.slice(last, m.index));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(m.index, m.index + m[0].length);
    frag.append(mark);
    last = m.index + m[0].length;
  }
  if (last < text.length) frag.append(text.slice(last));
  return frag;
}

function showPages(id, count, panel) {
  const pages = el("div", { id: "pages" });
  panel.replaceChildren(pages);
  for (let n = 1; n <= count; n++) {
    const img = el("img", { alt: `Seite ${n}` });
    pages.appendChild(img);
    api(`/api/documents/${encodeURIComponent(id)}/pages/${n}`, true).then((b) => { img.src = blobUrl(b); })
      .catch(() => { img.alt = `Seite ${n}: Bild nicht verfügbar`; });
  }
}

// The PDF is fetched with the token and shown from a blob: URL (a frame cannot send the header itself).
async function showPdf(id, panel, seq) {
  panel.replaceChildren(el("p", { class: "loading" }, "PDF wird geladen …"));
  const blob = await api(`/api/documents/${encodeURIComponent(id)}/pdf`, true);
  if (seq !== docSeq) return;
  const pdf = blob.type === "application/pdf" ? blob : new Blob([blob], { type: "application/pdf" });
  panel.replaceChildren(el("iframe", { id: "pdf-frame", title: "PDF des Dokuments", src: blobUrl(pdf),
    "data-bytes": String(pdf.size) }));
}

async function showText(id, panel, seq) {
  panel.replaceChildren(el("p", { class: "loading" }, "Text wird geladen …"));
  const blob = await api(`/api/documents/${encodeURIComponent(id)}/text`, true);
  const text = await blob.text();
  if (seq !== docSeq) return;
  panel.replaceChildren(el("pre", { id: "text" }, highlighted(text, queryWords(lastText))));
}

// Thumbnails load when they scroll into view: an Akte can hold a hundred documents.
const thumbs = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    if (!entry.isIntersecting) continue;
    const img = entry.target;
    thumbs.unobserve(img);
    const seq = docSeq;
    api(`/api/documents/${encodeURIComponent(img.dataset.doc)}/pages/1`, true)
      .then((b) => { if (seq === docSeq) img.src = blobUrl(b); })
      .catch(() => { img.alt = "kein Bild"; });
  }
}, { rootMargin: "200px" });

// The Akte's documents in order, each with its first page, the open one marked.
async function showAkte(d, box, seq) {
  const p = new URLSearchParams({ akte_id: d.akte_id, sort: "date_asc", limit: "100" });
  const data = await api("/api/search?" + p.toString());
  if (seq !== docSeq) return;
  const items = data.hits.map((h) => {
    const o = h.document;
    const img = el("img", { class: "thumb", alt: `erste Seite: ${typeText(o)}`, "data-doc": o.document_id });
    thumbs.observe(img);
    const current = o.document_id === d.document_id;
    return el("li", { "data-id": o.document_id, class: current ? "current" : "" },
      el("button", { type: "button", class: "link", onclick: () => { if (!current) showDocument(o.document_id, null); } },
        img, el("span", {}, el("strong", {}, typeText(o)), el("br"), o.document_date ? deDate(o.document_date) : "ohne Datum",
          el("br"), `S. ${o.source.first_page}–${o.source.last_page}`)));
  });
  const more = data.total > data.hits.length ? el("p", { class: "meta" }, `die ersten ${data.hits.length} von ${data.total}`) : null;
  box.replaceChildren(...[el("h3", {}, `Akte ${d.akte_id}: ${data.total} Dokumente`), el("ol", { id: "akte-list" }, ...items),
    more].filter(Boolean));
}

function metadataRows(d) {
  const review = d.review && d.review.needed
    ? el("span", { class: "badge review" }, "zu prüfen: " + (d.review.reasons.map((r) => label("review_reason", r)).join(", ") || "ohne Angabe"))
    : "kein Prüfbedarf";
  return [
    ["Typ", [label("doc_type", d.doc_type), d.doc_subtype ? label("doc_subtype", d.doc_subtype) : ""].filter(Boolean).join(" – ")],
    ["Sicherheit", `${Math.round(d.confidence * 100)} %`],
    ["Prüfung", review],
    ["Datum", d.document_date ? deDate(d.document_date) : "ohne Datum"],
    ["Gericht", courtText(d.court)],
    ["Aktenzeichen", d.file_numbers.map((f) => `${f.value} (${label("file_number_kind", f.kind)})`).join(", ")],
    ["Beteiligte", d.parties.map((p) => `${p.name} (${label("party_role", p.role)})`).join(", ")],
    ["Weitere Daten", d.dates.filter((x) => !(x.role === "document_date" && x.value === d.document_date))
      .map((x) => `${label("date_role", x.role)}: ${deDate(x.value)}`).join(", ")],
    ["Quelle", `${d.source.path}, S. ${d.source.first_page}–${d.source.last_page}`],
  ];
}

async function showDocument(id, li) {
  for (const item of document.querySelectorAll("#results li")) item.classList.toggle("active", item.dataset.id === id);
  const seq = ++docSeq;
  clearDocument();
  const view = $("document");
  view.hidden = false;
  view.dataset.id = id;
  view.textContent = "Lade …";
  try {
    const data = await api("/api/documents/" + encodeURIComponent(id));
    if (seq !== docSeq) return;
    const d = data.document;
    const panel = el("div", { id: "viewer" });
    const tabs = [["Seiten", () => showPages(id, data.pages, panel)]];
    if (data.links.pdf) tabs.push(["PDF", () => showPdf(id, panel, seq)]);
    if (data.links.text) tabs.push(["Text", () => showText(id, panel, seq)]);
    const bar = el("div", { class: "tabs", role: "toolbar" });
    for (const [name, show] of tabs) {
      bar.append(el("button", { type: "button", "data-view": name, onclick: async (ev) => {
        for (const b of bar.children) b.setAttribute("aria-pressed", String(b === ev.currentTarget));
        try { await show(); } catch (e) { panel.replaceChildren(el("p", { class: "error" }, e.message)); }
      } }, name));
    }
    const akte = el("section", { id: "akte" }, el("p", { class: "loading" }, "Akte wird geladen …"));
    view.replaceChildren(el("h2", {}, d.title || typeText(d)),
      el("table", { id: "fields" }, ...metadataRows(d).map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v || "–")))),
      akte, bar, panel);
    bar.children[0].setAttribute("aria-pressed", "true");
    showPages(id, data.pages, panel);
    showAkte(d, akte, seq).catch((e) => { akte.replaceChildren(el("p", { class: "error" }, e.message)); });
  } catch (e) { if (seq === docSeq) view.textContent = e.message; }
}

$("login").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  sessionStorage.setItem("eakte-token", $("token").value);
  $("token").value = "";
  $("who").textContent = "prüfe Token …";
  $("who").className = "";
  if (await checkLogin()) runSearch();
});
$("search").addEventListener("submit", (ev) => { ev.preventDefault(); offset = 0; runSearch(); });
$("prev").addEventListener("click", () => { offset = Math.max(0, offset - LIMIT); runSearch(); });
$("next").addEventListener("click", () => { offset += LIMIT; runSearch(); });
fillSelects();
restoreUrl();
// A bookmarked search runs again on load once the stored token is confirmed.
if (token()) { checkLogin().then((ok) => { if (ok) runSearch(); }); }
