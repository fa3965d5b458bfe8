// khabar web view: live updates of the latest-articles list by polling /api/latest (JSON).
// No inline script anywhere; values are put into the page with textContent, never as HTML.
(function () {
  "use strict";
  var list = document.getElementById("latest");
  if (!list || !list.dataset.live) {
    return;
  }
  var status = document.getElementById("live");
  var count = document.getElementById("count");
  var every = parseInt(list.dataset.every || "10000", 10);

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function formatTime(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return ""; }
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " +
      pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + " UTC";
  }
  function item(a) {
    var li = document.createElement("li");
    li.dataset.id = a.id;
    li.className = "new";
    var meta = document.createElement("span");
    meta.className = "meta";
    meta.dir = "ltr";
    meta.lang = "en";
    var outlet = document.createElement("bdi");
    outlet.className = "outlet";
    outlet.textContent = a.outlet || "unknown outlet";
    meta.appendChild(outlet);
    if (a.time) {
      meta.appendChild(document.createTextNode(" · "));
      var t = document.createElement("time");
      t.dateTime = a.time;
      t.textContent = formatTime(a.time);
      meta.appendChild(t);
    }
    var link = document.createElement("a");
    link.className = "headline";
    link.lang = "ur";
    link.dir = "auto";
    link.href = "/article?id=" + encodeURIComponent(a.id);
    link.textContent = a.title || a.id;
    var n = document.createElement("span");
    n.className = "count";
    n.textContent = a.mentions + " entities";
    li.appendChild(meta);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(link);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(n);
    return li;
  }
  function seen() {
    var ids = {};
    var items = list.querySelectorAll("li[data-id]");
    for (var i = 0; i < items.length; i++) { ids[items[i].dataset.id] = true; }
    return ids;
  }
  function poll() {
    fetch(list.dataset.live, { headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(function (data) {
        var ids = seen();
        var fresh = data.articles.filter(function (a) { return !ids[a.id]; });
        for (var i = fresh.length - 1; i >= 0; i--) { list.insertBefore(item(fresh[i]), list.firstChild); }
        if (count) { count.textContent = String(data.total); }
        if (status) { status.textContent = "live: checked " + new Date().toISOString().substring(11, 19) + " UTC" +
          (fresh.length ? ", " + fresh.length + " new" : ""); }
      })
      .catch(function (e) { if (status) { status.textContent = "live updates paused (" + e.message + ")"; } })
      .then(function () { setTimeout(poll, every); });
  }
  setTimeout(poll, every);
})();
