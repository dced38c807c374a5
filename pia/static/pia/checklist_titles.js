// A collapsed check list (a StructBlock of check boxes, class "pia-checklist") is titled with the
// items checked in it ("紙、電子記録媒体"), or チェックなし. Wagtail would title it with its first
// check box's state alone ("はい"/"いいえ"), which says nothing about the list.
(function () {
  var blocks = window.wagtailStreamField && window.wagtailStreamField.blocks;
  if (!blocks || !blocks.StructBlockDefinition) return;
  var definition = blocks.StructBlockDefinition.prototype;
  var render = definition.render;

  function isChecklist(blockDef) {
    var classname = (blockDef.meta && blockDef.meta.classname) || "";
    return classname.split(/\s+/).indexOf("pia-checklist") !== -1;
  }

  function checkedLabels(block, maxLength) {
    var labels = [];
    block.blockDef.childBlockDefs.forEach(function (child) {
      var bound = block.childBlocks[child.name];
      if (bound && bound.getValue() === true) labels.push(child.meta.label);
    });
    var text = labels.length ? labels.join("、") : "チェックなし";
    if (maxLength && text.length > maxLength) text = text.slice(0, maxLength - 1) + "…";
    return text;
  }

  definition.render = function () {
    var block = render.apply(this, arguments);
    if (isChecklist(this)) {
      var title = function (options) {
        return checkedLabels(block, options && options.maxLength);
      };
      // The list's own collapsed panel asks its layout; a group holding the list asks the block.
      block.getTextLabel = title;
      if (block.layout) {
        block.layout.getTextLabel = title;
        if (block.layout.setCollapsedLabelText) block.layout.setCollapsedLabelText();
      }
    }
    return block;
  };
})();
