// The search page: plain JS over the JSON API. The token lives in sessionStorage (gone with the tab);
// page images are fetched with the token and shown as blob URLs, since <img> cannot send headers.
"use strict";
const $ = (id) => document.getElementById(id);
let offset = 0;
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
  try {
    const data = await api("/api/search?" + params().toString());
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

async function showDocument(id, li) {
  for (const el of document.querySelectorAll("#results li")) el.classList.toggle("active", el === li);
  const view = $("document");
  view.hidden = false;
  view.dataset.id = id;
  view.innerHTML = "Lade …";
  try {
    const data = await api("/api/documents/" + encodeURIComponent(id));
    const d = data.document;
    const rows = [
      ["Typ", `${d.doc_type}${d.doc_subtype ? " / " + d.doc_subtype : ""}`], ["Datum", d.document_date],
      ["Gericht", d.court ? `${d.court.type} ${d.court.place || ""}` : ""],
      ["Aktenzeichen", d.file_numbers.map((f) => `${f.value} (${f.kind})`).join(", ")],
      ["Beteiligte", d.parties.map((p) => `${p.name} (${p.role})`).join(", ")],
      ["Daten", d.dates.map((x) => `${x.role}: ${x.value}`).join(", ")],
      ["Quelle", `${d.source.path}, S. ${d.source.first_page}–${d.source.last_page}`], ["Akte", d.akte_id],
    ];
    view.innerHTML = `<h2>${esc(d.title || d.doc_subtype || d.doc_type)}</h2><table>` +
      rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join("") + `</table><div id="pages"></div>`;
    for (let n = 1; n <= data.pages; n++) {
      const img = document.createElement("img");
      img.alt = `Seite ${n}`;
      $("pages").appendChild(img);
      api(`/api/documents/${encodeURIComponent(id)}/pages/${n}`, true).then((b) => { img.src = URL.createObjectURL(b); })
        .catch(() => { img.alt = `Seite ${n}: Bild nicht verfügbar`; });
    }
  } catch (e) { view.textContent = e.message; }
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
