// Repeat each consistency warning beside the item it concerns; the list at the top of the tab stays.
(function () {
  function place() {
    document.querySelectorAll("[data-pia-findings] li[data-pia-prefix], li[data-pia-required-error]").forEach(function (finding) {
      var required = finding.hasAttribute("data-pia-required-error");
      var prefix = finding.getAttribute("data-pia-prefix");
      // A group (a check list) has a panel of its own; a single item is found by its input.
      var group = document.getElementById("block_group-" + prefix + "-content");
      var input = group ? null : document.querySelector('[id^="' + CSS.escape(prefix) + '"]');
      var field = group || (input && input.closest("[data-contentpath]"));
      if (!field || field.querySelector(":scope > .pia-finding-inline")) return;
      var note = document.createElement("p");
      var message = finding.textContent.split("：").slice(1).join("：");
      note.className = required ? "error-message pia-finding-inline" : "help-block help-warning pia-finding-inline";
      note.setAttribute("role", required ? "alert" : "note");
      note.textContent = (required ? "必須項目：" : "整合性の確認：") + message;
      field.insertBefore(note, field.firstChild);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { setTimeout(place, 0); });
  else setTimeout(place, 0);
  // Blocks are rendered by JavaScript after load; try again once they exist.
  window.addEventListener("load", function () { setTimeout(place, 300); });
})();
