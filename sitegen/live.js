/* sitegen serve: live reload and the build-error overlay (docs/serve.md); never written to disk.
   Served as a file (BASE/.sitegen/livereload.js), never inline, so that a site built with
   csp = true (script-src 'self') runs it too. A function of the overlay's words in each language
   and of the <script> element that loaded it, whose data-events names the event stream and
   data-generation the build the page was read under. The stream sends "build" (the current
   generation: reload when it differs) and "failure" (JSON: the failed build's message, or null
   once a build succeeds). The overlay lives in a shadow root styled through the CSSOM (which a
   Content-Security-Policy does not stop, unlike style attributes), so the site's CSS and the
   overlay never touch each other, and it is fixed in place, so nothing under it moves. */
(function (words, script) {
  "use strict";
  if (!window.EventSource || !script) return; // pages work without it; they just do not reload
  var generation = script.dataset.generation;
  var stream = new EventSource(script.dataset.events);
  var host = null;
  var before = null;

  function element(name, css, parent) {
    var node = document.createElement(name);
    node.style.cssText = css;
    parent.appendChild(node);
    return node;
  }

  function hide() {
    if (!host) return;
    host.remove();
    host = null;
    document.removeEventListener("keydown", escape, true);
    if (before && before.focus) before.focus();
  }

  function escape(event) {
    if (event.key === "Escape") hide();
  }

  function show(message) {
    var code = (document.documentElement.lang || "").slice(0, 2).toLowerCase();
    var lang = words[code] ? code : "en";
    var w = words[lang];
    if (host) host.remove();
    else before = document.activeElement;
    host = document.createElement("sitegen-build-error");
    host.style.cssText = // an element name no stylesheet of a site selects; these win over a `*` rule
      "display:block!important;position:fixed!important;inset:0!important;z-index:2147483647!important;" +
      "margin:0!important;padding:0!important;border:0!important;background:rgba(0,0,0,.55)!important;" +
      "overflow:auto!important;opacity:1!important;transform:none!important;filter:none!important";
    var root = host.attachShadow({ mode: "open" });
    var panel = element(
      "div",
      "all:initial;display:block;box-sizing:border-box;width:calc(100% - 2rem);max-width:48rem;margin:10vh auto;padding:1.25rem 1.5rem;background:#fff;" +
        "color:#1a1a1a;border-block-start:.4rem solid #b00020;border-radius:.4rem;" +
        "font:16px/1.7 system-ui,'Noto Naskh Arabic','Noto Sans Arabic',Tahoma,sans-serif;" +
        "box-shadow:0 .5rem 2rem rgba(0,0,0,.4)",
      root
    );
    panel.setAttribute("role", "alertdialog");
    panel.setAttribute("aria-labelledby", "title");
    panel.setAttribute("aria-describedby", "message");
    panel.lang = lang;
    panel.dir = w.dir;
    var title = element("h2", "margin:0 0 .75rem;font-size:1.25rem;color:#b00020", panel);
    title.id = "title";
    var nothing = document.documentElement.hasAttribute("data-sitegen-nothing"); // no site built yet
    title.textContent = nothing ? w.serve_failed_none : w.serve_failed;
    var text = element(
      "pre",
      "margin:0;padding:.75rem 1rem;background:#f6f6f6;border-radius:.25rem;" +
        "font:14px/1.6 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;" +
        "overflow-wrap:anywhere;max-height:50vh;overflow:auto;text-align:start",
      panel
    );
    text.id = "message";
    text.dir = "ltr";
    text.lang = "en";
    text.textContent = message; // text, never markup: < and & stay what they are
    var kept = element("p", "margin:.75rem 0 1rem", panel);
    kept.textContent = nothing ? w.serve_failed_none_kept : w.serve_failed_kept;
    var close = element(
      "button",
      "font:inherit;padding:.3rem 1.1rem;border:2px solid #1a1a1a;border-radius:.25rem;" +
        "background:#fff;color:#1a1a1a;cursor:pointer;outline-offset:2px",
      panel
    );
    close.type = "button";
    close.textContent = w.serve_close;
    close.addEventListener("click", hide);
    document.removeEventListener("keydown", escape, true);
    document.addEventListener("keydown", escape, true);
    document.documentElement.appendChild(host); // beside body, not in it: no selector of the site matches
    close.focus({ preventScroll: true });
  }

  stream.addEventListener("build", function (event) {
    if (event.data !== generation) {
      stream.close();
      location.reload();
    }
  });
  stream.addEventListener("failure", function (event) {
    var failure = JSON.parse(event.data);
    if (failure) show(failure.message);
    else hide();
  });
})
