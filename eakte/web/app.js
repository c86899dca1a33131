// The search page: plain JS over the JSON API. The token lives in sessionStorage (gone with the tab);
// page images are fetched with the token and shown as blob URLs, since <img> cannot send headers.
"use strict";
const $ = (id) => document.getElementById(id);
let offset = 0;
let lastText = ""; // the words of the search whose hits are shown: highlighted in the text view
const LIMIT = 20;

function token() { return sessionStorage.getItem("eakte-token") || ""; }

const BAD_TOKEN = "Anmeldung fehlgeschlagen: Das API-Token ist ungültig. Bitte mit einem gültigen API-Token anmelden.";

function loggedOut(message) {
  sessionStorage.removeItem("eakte-token");
  $("who").textContent = message;
  $("who").className = "error";
  $("results").replaceChildren();
  clearDocument();
}

async function api(path, asBlob) {
  const res = await fetch(path, { headers: { Authorization: "Bearer " + token() } });
  if (res.status === 401) { loggedOut(BAD_TOKEN); throw new Error(BAD_TOKEN); }
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

function snippetHtml(s) { return esc(s).replace(/\[/g, "<mark>").replace(/\]/g, "</mark>"); }

function params() {
  const p = new URLSearchParams();
  const text = $("q").value.trim();
  if (text) p.set("text", text);
  for (const el of $("search").querySelectorAll(".filters [name]")) {
    if (el.value.trim()) p.set(el.name, el.value.trim());
  }
  p.set("limit", LIMIT); p.set("offset", offset);
  return p;
}

async function runSearch() {
  $("status").textContent = "Suche …";
  const text = $("q").value.trim();
  try {
    const data = await api("/api/search?" + params().toString());
    lastText = text;
    const list = $("results");
    list.innerHTML = "";
    for (const hit of data.hits) {
      const d = hit.document;
      const li = document.createElement("li");
      li.dataset.id = d.document_id;
      li.innerHTML = `<div><span class="type">${esc(d.doc_subtype || d.doc_type)}</span> · ${esc(d.document_date || "ohne Datum")}` +
        (d.court ? ` · ${esc(d.court.type)} ${esc(d.court.place || "")}` : "") + `</div>` +
        `<div class="meta">${esc(d.file_numbers.map((f) => f.value).join(", "))} ${esc(d.parties.map((p) => p.name).join(", "))}</div>` +
        (hit.snippet ? `<div class="snippet">${snippetHtml(hit.snippet)}</div>` : "");
      li.addEventListener("click", () => showDocument(d.document_id, li));
      list.appendChild(li);
    }
    // The detail pane shows only a document among the current hits.
    const open = $("document").dataset.id;
    if (open && !data.hits.some((h) => h.document.document_id === open)) clearDocument();
    for (const el of list.children) el.classList.toggle("active", el.dataset.id === $("document").dataset.id);
    const shown = data.hits.length ? `${offset + 1}–${offset + data.hits.length}` : "0";
    // Beyond 1,000 matches the total is a lower bound ("mehr als"), with the database's estimate if it has one.
    const about = data.total_estimate ? `, geschätzt ${data.total_estimate.toLocaleString("de-DE")}` : "";
    const order = data.sort === "date_desc" && $("q").value.trim() ? ", neueste zuerst" : "";
    $("status").textContent = `${data.total_exact ? "" : "mehr als "}${data.total.toLocaleString("de-DE")} Treffer` +
      `${about} (${shown}${order})`;
    const more = data.total_exact ? offset + LIMIT < data.total : data.hits.length === LIMIT;
    $("pager").hidden = offset === 0 && !more;
    $("prev").disabled = offset === 0;
    $("next").disabled = !more;
  } catch (e) { $("status").textContent = e.message; }
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
  const words = queryWords(lastText);
  panel.replaceChildren(el("pre", { id: "text" }, highlighted(text, words)));
}

async function showDocument(id, li) {
  for (const el of document.querySelectorAll("#results li")) el.classList.toggle("active", el === li);
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
    const rows = [
      ["Typ", `${d.doc_type}${d.doc_subtype ? " / " + d.doc_subtype : ""}`], ["Datum", d.document_date],
      ["Gericht", d.court ? `${d.court.type} ${d.court.place || ""}` : ""],
      ["Aktenzeichen", d.file_numbers.map((f) => `${f.value} (${f.kind})`).join(", ")],
      ["Beteiligte", d.parties.map((p) => `${p.name} (${p.role})`).join(", ")],
      ["Daten", d.dates.map((x) => `${x.role}: ${x.value}`).join(", ")],
      ["Quelle", `${d.source.path}, S. ${d.source.first_page}–${d.source.last_page}`], ["Akte", d.akte_id],
    ];
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
    view.replaceChildren(el("h2", {}, d.title || d.doc_subtype || d.doc_type),
      el("table", {}, ...rows.map(([k, v]) => el("tr", {}, el("td", {}, k), el("td", {}, v || "")))), bar, panel);
    bar.children[0].setAttribute("aria-pressed", "true");
    showPages(id, data.pages, panel);
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
if (token()) { checkLogin(); }
