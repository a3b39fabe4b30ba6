// The start of the home page, written inline by `reform-portal site` (overview_page.rs; the
// page's Content-Security-Policy allows it by its hash). The page holds the overview's first
// screen drawn at build time in both languages; this shows the one the reader will get, as
// the app chooses it, until the app takes over. Without scripts the Chinese one shows.
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
  });
})(document.currentScript);
