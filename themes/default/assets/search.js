// pjece site search: loads the index only when someone searches, and only the parts it needs.
// The page works without this script: the form reloads the page, which lists every leaflet.
(function () {
  "use strict";
  var results = document.getElementById("search-results");
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  if (!results || !form || !input || !status || !window.fetch || !window.Promise) { return; }
  var base = results.getAttribute("data-index");
  var cache = {};
  var latest = 0;

  function text(name, q, n) {
    return (results.getAttribute("data-" + name) || "").replace("{q}", q).replace("{n}", String(n));
  }
  function load(name) {
    if (!cache[name]) {
      cache[name] = fetch(base + name).then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      });
    }
    return cache[name];
  }
  function words(q) {
    return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }
  // Scores of the documents one word finds: its stem, or (for a word being typed) the stems of
  // the words that start with it.
  function lookup(word, meta) {
    var key = word.codePointAt(0).toString(16);
    if (meta.shards.indexOf(key) < 0) { return Promise.resolve({}); }
    return load("t-" + key + ".json").then(function (t) {
      var stems = {};
      if (Object.prototype.hasOwnProperty.call(t.w, word)) {
        stems[t.w[word]] = 1;
      } else if (word.length >= 3) {
        var n = 0;
        for (var w in t.w) {
          if (n < 40 && w.lastIndexOf(word, 0) === 0) { stems[t.w[w]] = stems[t.w[w]] || 0.8; n++; }
        }
      }
      var scores = {};
      for (var s in stems) {
        (t.p[s] || []).forEach(function (p) { scores[p[0]] = Math.max(scores[p[0]] || 0, p[1] * stems[s]); });
      }
      return scores;
    });
  }
  function show(q, docs) {
    results.textContent = "";
    if (!docs.length) { status.textContent = text("none", q, 0); return; }
    var h = document.createElement("h2");
    h.textContent = results.getAttribute("data-heading");
    results.appendChild(h);
    var list = document.createElement("ol");
    list.className = "results";
    docs.forEach(function (d) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = d[1];
      a.textContent = d[0];
      a.className = "card-link";
      li.appendChild(a);
      if (d[2]) { var l = document.createElement("p"); l.className = "result-label"; l.textContent = d[2]; li.appendChild(l); }
      if (d[3]) { var p = document.createElement("p"); p.textContent = d[3]; li.appendChild(p); }
      list.appendChild(li);
    });
    results.appendChild(list);
    status.textContent = docs.length === 1 ? text("one", q, 1) : text("count", q, docs.length);
  }
  function search(q) {
    var ws = words(q);
    var run = ++latest;
    if (!ws.length) { results.textContent = ""; status.textContent = ""; return; }
    status.textContent = text("searching", q, 0);
    load("meta.json").then(function (meta) {
      return Promise.all(ws.map(function (w) { return lookup(w, meta); })).then(function (lists) {
        var total = {}, hits = {};
        lists.forEach(function (l) {
          for (var d in l) { total[d] = (total[d] || 0) + l[d]; hits[d] = (hits[d] || 0) + 1; }
        });
        var ids = Object.keys(total);
        var every = ids.filter(function (d) { return hits[d] === lists.length; });
        if (every.length) { ids = every; }
        ids.sort(function (a, b) { return total[b] - total[a] || a - b; });
        ids = ids.slice(0, 30).map(Number);
        var chunks = {};
        ids.forEach(function (d) { chunks[Math.floor(d / meta.chunk)] = true; });
        return Promise.all(Object.keys(chunks).map(function (c) {
          return load("d-" + c + ".json").then(function (docs) { return [Number(c), docs]; });
        })).then(function (loaded) {
          if (run !== latest) { return; }
          var byChunk = {};
          loaded.forEach(function (x) { byChunk[x[0]] = x[1]; });
          show(q, ids.map(function (d) { return byChunk[Math.floor(d / meta.chunk)][d % meta.chunk]; }));
        });
      });
    }).catch(function () { if (run === latest) { status.textContent = text("error", q, 0); } });
  }
  var timer = null;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value.trim();
    if (window.history && history.replaceState) { history.replaceState(null, "", "?q=" + encodeURIComponent(q)); }
    search(q);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value.trim()); }, 300);
  });
  var start = new URLSearchParams(location.search).get("q");
  if (start) { input.value = start; search(start); }
})();
