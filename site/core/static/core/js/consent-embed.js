/*
 * Two-click consent for content from other services (core/blocks/embed.html).
 *
 * The page ships the iframe inside a <template>, so the browser requests nothing from the
 * other host. Only when the visitor presses "Load content" is the placeholder replaced by
 * the iframe; focus moves to it and a status message announces the change. Without
 * JavaScript the button stays hidden and the plain link to the original still works.
 *
 * Every embed block includes this file; the guard below makes it act once per page.
 */
(function () {
  "use strict";
  if (window.mgConsentEmbed) { return; }
  window.mgConsentEmbed = true;

  function load(block) {
    var placeholder = block.querySelector("[data-consent-embed-placeholder]");
    var template = block.querySelector("template[data-consent-embed-template]");
    if (!placeholder || !template) { return; }
    var content = template.content.cloneNode(true);
    var frame = content.querySelector("iframe");
    placeholder.replaceWith(content);
    template.remove();
    block.removeAttribute("data-consent-embed");
    if (frame) {
      // Focus must not get lost with the removed button: it moves to the new content.
      frame.setAttribute("tabindex", "0");
      frame.focus();
    }
    var status = block.querySelector("[data-consent-embed-status]");
    if (status) { status.textContent = status.getAttribute("data-message") || ""; }
  }

  function init() {
    var buttons = document.querySelectorAll("[data-consent-embed] [data-consent-embed-load]");
    Array.prototype.forEach.call(buttons, function (button) { button.hidden = false; });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-consent-embed-load]") : null;
    var block = button && button.closest("[data-consent-embed]");
    if (block) { load(block); }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
