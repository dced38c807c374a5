// Editor navigation: repeat entries numbered as the form prints them (システム１, 委託事項２),
// links that reach a field (the list of missing required items), and Wagtail's
// 「最初の誤りへ移動」 made to reach the field itself, not only its tab.
(function () {
  var DIGITS = "０１２３４５６７８９";

  function fullwidth(n) {
    return String(n).replace(/[0-9]/g, function (d) { return DIGITS[+d]; });
  }

  function isLive(child) {
    var deleted = child.querySelector(':scope > input[name$="-deleted"]');
    return !(deleted && deleted.value) && !child.hidden;
  }

  // Each entry block (marked pia-entry by pia.formdef.blocks) is titled with its label and its
  // place among the entries still in the list; moving, adding or deleting one renumbers them.
  function number() {
    document.querySelectorAll(".pia-entry").forEach(function (entry) {
      var child = entry.closest("[data-streamfield-child]");
      if (!child || !child.parentElement) return;
      var heading = child.querySelector(":scope > section > .w-panel__header .c-sf-block__type");
      if (!heading) return;
      if (!heading.hasAttribute("data-pia-label")) heading.setAttribute("data-pia-label", heading.textContent.trim());
      var siblings = Array.prototype.filter.call(child.parentElement.children, function (el) {
        return el.hasAttribute("data-streamfield-child") && isLive(el);
      });
      var n = siblings.indexOf(child) + 1;
      var text = heading.getAttribute("data-pia-label") + (n > 0 ? fullwidth(n) : "");
      if (heading.textContent !== text) heading.textContent = text;
    });
  }

  function fieldFor(prefix) {
    var group = document.getElementById("block_group-" + prefix + "-section");
    if (group) return group;
    var input = document.getElementById(prefix) || document.getElementById(prefix + "_0") ||
      document.querySelector('[id^="' + CSS.escape(prefix + "-") + '"]');
    return input && (input.closest("[data-contentpath]") || input);
  }

  // Open the tab holding *el* and every collapsed panel around it.
  function reveal(el) {
    var panel = el.closest('[role="tabpanel"]');
    if (panel && panel.id) {
      var tab = document.querySelector('[role="tab"][href="#' + panel.id + '"], [role="tab"][aria-controls="' + panel.id + '"]');
      if (tab && tab.getAttribute("aria-selected") !== "true") tab.click();
    }
    for (var node = el; node; node = node.parentElement) {
      if (node.matches("section.w-panel")) {
        var toggle = node.querySelector(":scope > .w-panel__header [data-panel-toggle]");
        if (toggle && toggle.getAttribute("aria-expanded") === "false") toggle.click();
      }
      if (node.tagName === "DETAILS") node.open = true;
    }
  }

  function goTo(el) {
    reveal(el);
    setTimeout(function () {
      el.scrollIntoView({ block: "center" });
      var input = el.matches("input, textarea, select") ? el :
        el.querySelector('input:not([type="hidden"]), textarea, select, button:not([data-panel-toggle])');
      if (input) input.focus({ preventScroll: true });
    }, 50);
  }

  function firstError() {
    var errors = document.querySelectorAll(
      '[role="tabpanel"] :is(.error-message, .help-critical li[data-pia-prefix]):not([hidden])'
    );
    for (var i = 0; i < errors.length; i++) {
      var error = errors[i];
      if (error.closest(".messages")) continue;
      var prefix = error.getAttribute("data-pia-prefix");
      var field = prefix ? fieldFor(prefix) : error.closest("[data-contentpath], [data-field-wrapper]") || error;
      if (field) return field;
    }
    return null;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-pia-goto]");
    if (link) {
      var field = fieldFor(link.getAttribute("data-pia-goto"));
      if (field) {
        event.preventDefault();
        goTo(field);
      }
      return;
    }
    var button = event.target.closest('.messages button[data-action*="w-focus#focus"]');
    if (button) {
      var first = firstError();
      if (first) {
        event.preventDefault();
        event.stopImmediatePropagation();
        goTo(first);
      }
    }
  }, true);

  // After a refused save, open the tab holding the first error: StreamField errors are drawn by
  // JavaScript, so Wagtail's tab error counters do not see them.
  function openFirstError() {
    var first = firstError();
    if (first) goTo(first);
  }

  var pending = null;
  function renumberSoon() {
    if (pending) return;
    pending = setTimeout(function () { pending = null; number(); }, 50);
  }

  window.addEventListener("load", function () {
    setTimeout(function () {
      number();
      new MutationObserver(renumberSoon).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["value", "hidden"] });
      if (document.querySelector(".messages .error")) openFirstError();
    }, 400);
  });
})();
