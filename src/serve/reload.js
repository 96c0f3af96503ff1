// pjece serve: reloads the page when the site is rebuilt and shows build mistakes in the page.
// Served only by `pjece serve`; never part of a built site.
(function () {
  "use strict";
  var overlay = null;
  function showErrors(lines) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "pjece-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#fff;color:#000;border-top:6px solid #b00020;padding:1rem 1.25rem;font:16px/1.5 system-ui,sans-serif;" +
        "box-shadow:0 -4px 16px rgba(0,0,0,.3)";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var h = document.createElement("h2");
    h.textContent = "The site could not be rebuilt, so you see the last good version. Fix this and save the file:";
    h.style.cssText = "margin:0 0 .5rem;font-size:1.2rem;color:#000";
    overlay.appendChild(h);
    var pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;margin:0;font:15px/1.5 ui-monospace,monospace;color:#000";
    pre.textContent = lines.join("\n");
    overlay.appendChild(pre);
  }
  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function swapCss() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    links.forEach(function (l) {
      var url = new URL(l.href);
      url.searchParams.set("pjece", String(Date.now()));
      l.href = url.toString();
    });
  }
  var version = null;
  var source = new EventSource("/__pjece/events");
  source.addEventListener("hello", function (e) {
    if (version !== null && e.data !== version) { location.reload(); return; }
    version = e.data;
    fetch("/__pjece/status").then(function (r) { return r.json(); }).then(function (s) {
      if (s.errors.length) { showErrors(s.errors); }
    }).catch(function () {});
  });
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function (e) { version = e.data; hideErrors(); swapCss(); });
  source.addEventListener("errors", function (e) { showErrors(JSON.parse(e.data)); });
})();
