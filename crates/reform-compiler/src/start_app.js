// Starts the app, whose loader a page keeps in <template id="app-loader"> until its start
// script calls this (embed_page.rs, defer_app_loader): the loader's nodes are copied into
// <head>, where they run. Nodes for which `skip(node)` holds are left out. Once only.
function startPortalApp(skip) {
  "use strict";
  var template = document.getElementById("app-loader");
  if (!template) return;
  template.remove();
  Array.prototype.forEach.call(template.content.childNodes, function (node) {
    if (skip && skip(node)) return;
    var copy;
    // A script copied from a template would not run: make a new one with its text.
    if (node.nodeName === "SCRIPT") {
      copy = document.createElement("script");
      if (node.type) copy.type = node.type;
      copy.textContent = node.textContent;
    } else {
      copy = document.importNode(node, true);
    }
    document.head.appendChild(copy);
  });
}
