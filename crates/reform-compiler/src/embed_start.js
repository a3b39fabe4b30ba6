// The start of an embed page, written inline by `reform-portal site` (embed_page.rs; the
// page's Content-Security-Policy allows it by its hash). The page holds the chart's default
// views drawn at build time: one <article data-view data-lang> per view and language. If
// the URL asks for one of them, it is shown and the app is never downloaded. A narrowed
// view the compiler drew (listed in <main data-views>) is fetched as one such article.
// Any other view is drawn here as such an article by the embed drawer (<main data-drawer>,
// crates/reform-embed: the core without the app) from the data files it asks for. What
// the drawer cannot draw (a missing record, a district to choose, a failed download) is
// left to the app, which tells the reader and offers a retry: it starts from its loader,
// which waits in <template id="app-loader">. Either way the chart's height is reported to
// the host page, whose embed.js resizes the iframe to it.
(function (script) {
  "use strict";
  // Its work is done once it has run: the page keeps no script in its body.
  script.remove();
  var prerendered = document.getElementById("prerender");
  var main = prerendered.querySelector("main");
  var query = new URLSearchParams(location.search);
  // As the app chooses: the URL's language, else the one remembered, else Chinese.
  var lang = query.get("lang");
  if (lang !== "zh" && lang !== "en") {
    try {
      lang = localStorage.getItem("reform-portal-lang");
    } catch (error) {
      lang = null;
    }
    if (lang !== "en") lang = "zh";
  }
  var pinned = query.get("data");
  // A forced colour scheme, as the app reads it: anything but light or dark is the system's.
  var scheme = query.get("theme");
  if (scheme !== "light" && scheme !== "dark") scheme = null;
  query.delete("lang");
  query.delete("data");
  query.delete("theme");
  // An explicit default grouping asks for the default view.
  if (query.get("by") === main.getAttribute("data-default-by")) query.delete("by");
  var view = query.toString();
  var version = main.getAttribute("data-version");
  // A pin to the data drawn here is the live view; a pin to another version needs the app.
  var live = pinned === null || pinned === version;
  var articles = Array.prototype.slice.call(main.querySelectorAll("article[data-view]"));
  var isAsked = function (article) {
    return article.getAttribute("data-view") === view && article.getAttribute("data-lang") === lang;
  };
  // The loading notice in the reader's language.
  var notice = main.querySelector('[data-loading="' + lang + '"]');
  var show = function (chosen) {
    articles.forEach(function (article) {
      if (article !== chosen) article.remove();
    });
    Array.prototype.forEach.call(main.querySelectorAll("[data-loading]"), function (loading) {
      loading.remove();
    });
    chosen.hidden = false;
    if (pinned !== null) chosen.querySelector(".data-version").hidden = false;
    document.documentElement.lang = chosen.lang;
    if (scheme !== null) {
      document.documentElement.setAttribute("data-theme", scheme);
      // The app's links keep a forced scheme, after the language and before the fragment.
      Array.prototype.forEach.call(chosen.querySelectorAll("a[href]:not([download])"), function (link) {
        var href = link.getAttribute("href");
        var hash = href.indexOf("#");
        var path = hash < 0 ? href : href.slice(0, hash);
        link.setAttribute("href", path + (path.indexOf("?") < 0 ? "?" : "&") + "theme=" + scheme + (hash < 0 ? "" : href.slice(hash)));
      });
    }
  };
  // A timeline of one unit needs its district's shard alone (shard.rs, Need): of the data
  // the page would preload (the index, and while the corpus loads whole, the table and
  // every chart shard), a view with a unit fetches ahead the index and at most that
  // shard (`draw`); the app looks the unit up. Any other view with a unit has the rest
  // fetched when it is asked for.
  var withUnit = !!query.get("unit");
  var startApp = function () {
    prerendered.remove();
    // The data preloads are the live version's: a pinned embed loads its own version's.
    startPortalApp(function (node) {
      var data = node.nodeName === "LINK" && node.getAttribute("as") === "fetch" ? node.getAttribute("href") : "";
      if (data.indexOf("data/") !== 0) return false;
      return pinned !== null || (withUnit && data !== "data/index.json");
    });
  };
  // A file of the site as text; one that has not come within 10 s is given up, so that
  // the app can tell the reader and offer a retry.
  var fetchText = function (path) {
    var controller = new AbortController();
    var timer = setTimeout(function () {
      controller.abort();
    }, 10000);
    return fetch(path, { signal: controller.signal }).then(function (response) {
      if (!response.ok) throw new Error(path + ": HTTP " + response.status);
      return response.text();
    }).finally(function () {
      clearTimeout(timer);
    });
  };
  // Shows an article given as HTML. One fetched (`fetched`: of the data version drawn
  // here) must be of the view asked for; the drawer's is made for this URL.
  var showArticle = function (html, fetched) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    var article = holder.content.querySelector("article[data-view]");
    var stamp = article && article.querySelector(".data-version code");
    if (!article || (fetched && (!isAsked(article) || !stamp || stamp.textContent !== version))) throw new Error("not this view");
    main.appendChild(article);
    show(article);
  };
  // The view drawn by the embed drawer, from the data files it asks for, step by step.
  var draw = function () {
    var drawer = main.getAttribute("data-drawer");
    if (!drawer) return Promise.reject(new Error("no embed drawer"));
    // What the app would preload for a live embed (the index; while the corpus loads
    // whole, also the table and every chart shard, which is all the drawer asks for) is
    // fetched while the drawer itself downloads, rather than after. For a view with a
    // unit (`withUnit`): the index, and the unit's district's chart shard if the page
    // lists the unit (<main data-units>: district -> units), which the drawer is then
    // told, so that it need not look the unit up.
    var unitDistrict = null;
    if (withUnit && pinned === null && !query.get("district")) {
      // A damaged list is no list: the drawer then looks the unit up.
      try {
        var units = JSON.parse(main.getAttribute("data-units") || "{}");
        Object.keys(units).forEach(function (district) {
          if (units[district].indexOf(query.get("unit")) >= 0) unitDistrict = district;
        });
      } catch (error) {
        unitDistrict = null;
      }
    }
    var fetchedEarly = function (path) {
      if (!withUnit || path === "data/index.json") return true;
      return unitDistrict !== null && path.endsWith("/charts/" + unitDistrict + ".json");
    };
    var early = {};
    var loader = document.getElementById("app-loader");
    if (pinned === null && loader) {
      Array.prototype.forEach.call(loader.content.querySelectorAll('link[as="fetch"][href^="data/"]'), function (link) {
        var path = link.getAttribute("href");
        if (!fetchedEarly(path)) return;
        early[path] = fetchText(path);
        // Unused if the drawer asks for other files: not an error.
        early[path].catch(function () {});
      });
    }
    return import("./" + drawer + "/reform_embed.js").then(function (module) {
      return module.default({ module_or_path: drawer + "/reform_embed_bg.wasm" }).then(function () {
        var drawing = new module.EmbedDrawing(main.getAttribute("data-chart"), lang === "en");
        new URLSearchParams(location.search).forEach(function (value, key) {
          drawing.param(key, value);
        });
        if (unitDistrict !== null) drawing.in_district(unitDistrict);
        // An invalid pin is ignored, as the app ignores it.
        if (!drawing.pinned) pinned = null;
        var step = function () {
          var wanted = drawing.wants();
          if (!wanted) return null;
          return Promise.all(wanted.split("\n").map(function (path) {
            return early["data/" + path] || fetchText("data/" + path);
          })).then(function (texts) {
            texts.forEach(function (text) {
              drawing.give(text);
            });
            return step();
          });
        };
        // A pinned view links the latest chart if the data has changed since.
        var latest = pinned === null ? null : fetchText("data/version.json").then(function (text) {
          return JSON.parse(text).version;
        }, function () {
          return null;
        });
        return Promise.all([step(), latest]).then(function (done) {
          var html = drawing.article(done[1]);
          drawing.free();
          showArticle(html || "", false);
        });
      });
    });
  };
  // The narrowed views drawn beside the data, by their query: file stems below data/charts/views/.
  var narrowed = JSON.parse(main.getAttribute("data-views") || "{}");
  var chosen = articles.filter(isAsked)[0];
  if (live && chosen) {
    show(chosen);
  } else if (live && Object.prototype.hasOwnProperty.call(narrowed, view)) {
    if (notice) notice.hidden = false;
    // Its article, a few kilobytes; should it be missing or not this version's, it is drawn here.
    fetchText("data/charts/views/" + narrowed[view] + "." + lang + ".html?v=" + version)
      .then(function (html) {
        showArticle(html, true);
      })
      .catch(draw)
      .catch(startApp);
  } else {
    if (notice) notice.hidden = false;
    draw().catch(startApp);
  }
  // { reformPortalEmbed: 1, height } whenever the page's content changes size: the
  // chart's bottom edge plus the page's margin below it.
  new ResizeObserver(function () {
    var article = document.querySelector("article.embed:not([hidden])");
    if (!article) return;
    var height = Math.ceil(article.getBoundingClientRect().bottom + scrollY + 16);
    parent.postMessage({ reformPortalEmbed: 1, height: height }, "*");
  }).observe(document.body);
})(document.currentScript);
