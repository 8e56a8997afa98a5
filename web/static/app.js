// attest dashboard: the live event feed. New events arrive over
// Server-Sent Events as JSON; every field is put into the page with
// textContent, never as markup, so an event cannot inject HTML or script.
"use strict";

(function () {
  var live = document.getElementById("live");
  if (!live || !window.EventSource) {
    return;
  }
  var state = document.getElementById("live-state");
  var rows = document.querySelector("table.events tbody.event-rows");
  var maxRows = 500;

  function cell(tr, text, className) {
    var td = document.createElement("td");
    if (className) {
      td.className = className;
    }
    td.textContent = text || "";
    tr.appendChild(td);
    return td;
  }

  function link(td, href, text) {
    td.textContent = "";
    var a = document.createElement("a");
    a.setAttribute("href", href);
    a.textContent = text;
    td.appendChild(a);
  }

  function add(ev) {
    var none = rows.querySelector("tr.none");
    if (none) {
      none.remove();
    }
    var tr = document.createElement("tr");
    tr.className = "event new";
    tr.dataset.seq = String(ev.seq);
    link(cell(tr, ""), "/events/" + encodeURIComponent(ev.seq), String(ev.seq));
    cell(tr, ev.time);
    cell(tr, ev.source);
    var actor = cell(tr, "");
    if (ev.actor) {
      link(actor, "/actors/" + encodeURIComponent(ev.actor), ev.actor);
    }
    cell(tr, ev.action);
    cell(tr, ev.target, "target");
    var outcome = cell(tr, "");
    var badge = document.createElement("span");
    badge.className = "badge " + (ev.outcome === "success" || ev.outcome === "failure" ? ev.outcome : "unknown");
    badge.textContent = ev.outcome;
    outcome.appendChild(badge);
    cell(tr, ev.source_ip);
    rows.insertBefore(tr, rows.firstChild);
    while (rows.children.length > maxRows) {
      rows.removeChild(rows.lastChild);
    }
  }

  var source = new EventSource(live.dataset.src);
  source.addEventListener("open", function () {
    state.textContent = "connected";
  });
  source.addEventListener("error", function () {
    state.textContent = "reconnecting…";
  });
  source.addEventListener("event", function (msg) {
    var ev;
    try {
      ev = JSON.parse(msg.data);
    } catch (e) {
      return;
    }
    add(ev);
  });
})();
