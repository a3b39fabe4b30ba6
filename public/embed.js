/*
 * Shenzhen Reform Tracker — optional host script for embedded charts.
 *
 * Add it once to a page that embeds charts with
 *   <iframe src="…/embed/completion/" data-reform-embed …></iframe>
 * and each such iframe takes the height its chart reports. Without this script the iframes
 * keep the height written in the snippet.
 *
 * Trust: a message is used only if it comes from the window of one of those iframes, from
 * the origin of the iframe's own address, and has exactly the shape
 *   { "reformPortalEmbed": 1, "height": <number of CSS pixels> }.
 * Anything else is ignored.
 */
(function () {
  "use strict";
  var MIN_HEIGHT = 80;
  var MAX_HEIGHT = 20000;

  function originOf(iframe) {
    try {
      return new URL(iframe.src, document.baseURI).origin;
    } catch (error) {
      return null;
    }
  }

  function validHeight(data) {
    if (data === null || typeof data !== "object" || Array.isArray(data)) return null;
    var keys = Object.keys(data);
    if (keys.length !== 2 || data.reformPortalEmbed !== 1) return null;
    var height = data.height;
    if (typeof height !== "number" || !isFinite(height)) return null;
    if (height < MIN_HEIGHT || height > MAX_HEIGHT) return null;
    return Math.ceil(height);
  }

  window.addEventListener("message", function (event) {
    var height = validHeight(event.data);
    if (height === null) return;
    var frames = document.querySelectorAll("iframe[data-reform-embed]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow === event.source && originOf(frame) === event.origin) {
        frame.style.height = height + "px";
        return;
      }
    }
  });
})();
