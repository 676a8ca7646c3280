// The new-item form: when a column is chosen, suggest the 信息类别 its items usually have
// (data-usual-kinds on the select, from publishing.selectors.usual_kinds). Only an empty choice or
// an earlier suggestion is replaced, never one the clerk made; without scripts nothing is preset.
(function () {
  "use strict";
  function start() {
    var column = document.getElementById("id_column");
    var kind = document.getElementById("id_kind");
    if (!column || !kind || !kind.dataset.usualKinds) return;
    var usual = JSON.parse(kind.dataset.usualKinds);
    var suggested = "";
    function suggest() {
      var wanted = usual[column.value] || "";
      var known = Array.prototype.some.call(kind.options, function (o) { return o.value === wanted; });
      if ((kind.value === "" || kind.value === suggested) && known) {
        kind.value = wanted;
        suggested = wanted;
      }
    }
    column.addEventListener("change", suggest);
    kind.addEventListener("change", function () { suggested = ""; });
    if (column.value) suggest();  // a form sent back with errors keeps its column
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
