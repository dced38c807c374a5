// Repeat each consistency warning beside the item it concerns; the list at the top of the tab stays.
(function () {
  function place() {
    document.querySelectorAll("[data-pia-findings] li[data-pia-prefix]").forEach(function (finding) {
      var prefix = finding.getAttribute("data-pia-prefix");
      // A group (a check list) has a panel of its own; a single item is found by its input.
      var group = document.getElementById("block_group-" + prefix + "-content");
      var input = group ? null : document.querySelector('[id^="' + CSS.escape(prefix) + '"]');
      var field = group || (input && input.closest("[data-contentpath]"));
      if (!field || field.querySelector(":scope > .pia-finding-inline")) return;
      var note = document.createElement("p");
      note.className = "help-block help-warning pia-finding-inline";
      note.setAttribute("role", "note");
      note.textContent = "整合性の確認：" + finding.textContent.split("：").slice(1).join("：");
      field.insertBefore(note, field.firstChild);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { setTimeout(place, 0); });
  else setTimeout(place, 0);
  // Blocks are rendered by JavaScript after load; try again once they exist.
  window.addEventListener("load", function () { setTimeout(place, 300); });
})();

// After a refused save, open the tab holding the first error: StreamField errors are drawn by
// JavaScript, so Wagtail's tab error counters do not see them.
(function () {
  function openFirstErrorTab() {
    var error = document.querySelector('[role="tabpanel"] .error-message, [role="tabpanel"] [data-field-errors] :is(p, li, .error-message)');
    if (!error) return;
    var panel = error.closest('[role="tabpanel"]');
    if (!panel || !panel.id) return;
    var tab = document.querySelector('[role="tab"][href="#' + panel.id + '"], [role="tab"][aria-controls="' + panel.id + '"]');
    if (tab && tab.getAttribute("aria-selected") !== "true") tab.click();
    error.scrollIntoView({ block: "center" });
  }
  window.addEventListener("load", function () { setTimeout(openFirstErrorTab, 400); });
})();
