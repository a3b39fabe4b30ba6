// The start of a page drawn at build time, written inline by `reform-portal site`
// (overview_page.rs, site.rs; the page's Content-Security-Policy allows it by its hash).
// The home page holds the overview drawn in both languages; this shows the one the reader
// will get, as the app chooses it, until the app takes over. Without scripts the Chinese
// one shows. A record's page, drawn in Chinese alone, runs this too: a reader of English
// gets nothing drawn, and waits for the app. The home page keeps the app's loader waiting
// in a <template>: it needs no app to be read, so the app (hundreds of kilobytes) starts
// once the page has loaded and the browser is idle, never ahead of the page itself —
// unless the reader opens a national district list, which the app loads.
(function (script) {
  "use strict";
  // Its work is done once it has run: the page keeps no script in its body.
  script.remove();
  var lang = new URLSearchParams(location.search).get("lang");
  if (lang !== "zh" && lang !== "en") {
    try {
      lang = localStorage.getItem("reform-portal-lang");
    } catch (error) {
      lang = null;
    }
  }
  var shown = lang === "en" ? "en" : "zh";
  var screens = document.querySelectorAll("#prerender > [data-lang]");
  Array.prototype.forEach.call(screens, function (screen) {
    if (screen.getAttribute("data-lang") !== shown) {
      screen.remove();
      return;
    }
    screen.hidden = false;
    document.documentElement.lang = screen.lang;
    document.title = screen.getAttribute("data-title");
    // As the app's switch does: the language chosen is remembered for later visits.
    var other = shown === "en" ? "zh" : "en";
    screen.querySelector(".lang-switch").addEventListener("click", function () {
      try {
        localStorage.setItem("reform-portal-lang", other);
      } catch (error) {
        // Storage refused (private mode): the link still switches.
      }
    });
  });
  // A long district list's box finds districts in the drawn rows as the app's does (each
  // row carries its names and id, lower-cased); the app keeps what was typed.
  Array.prototype.forEach.call(document.querySelectorAll("#prerender .district-find input"), function (input) {
    var list = input.closest("[data-lang]");
    var count = list.querySelector(".district-count");
    var rows = list.querySelectorAll("ol.rows > li[data-find]");
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase();
      var found = 0;
      Array.prototype.forEach.call(rows, function (row) {
        row.hidden = wanted !== "" && row.getAttribute("data-find").indexOf(wanted) < 0;
        if (!row.hidden) found += 1;
      });
      count.textContent = found + " " + count.getAttribute(found === 1 ? "data-one" : "data-many");
    });
  });
  if (!document.getElementById("app-loader")) return;
  // A national district list, drawn closed, loads with the app: opened before the app has
  // started, it starts it at once, and the address asks the app to show it open.
  Array.prototype.forEach.call(document.querySelectorAll("#prerender details.district-details"), function (details) {
    details.addEventListener("toggle", function () {
      if (!details.open) return;
      history.replaceState(history.state, "", location.pathname + location.search + "#districts");
      startPortalApp();
    });
  });
  var whenIdle = function () {
    if (window.requestIdleCallback) requestIdleCallback(function () { startPortalApp(); }, { timeout: 2000 });
    else setTimeout(startPortalApp, 0);
  };
  if (document.readyState === "complete") whenIdle();
  else addEventListener("load", whenIdle);
})(document.currentScript);
