/*
 * Coachfolio standards: the coverage matrix's "only gaps" filter.
 * Without JavaScript the matrix shows every row and the filter stays hidden.
 */
(function () {
  "use strict";

  function setUpMatrix(matrix) {
    if (matrix.dataset.cfReady) return;
    matrix.dataset.cfReady = "true";
    var filters = matrix.querySelector(".cf-matrix__filters");
    var gapsOnly = matrix.querySelector("[data-cf-matrix-gaps]");
    if (!filters || !gapsOnly) return;
    filters.hidden = false;

    function apply() {
      Array.prototype.forEach.call(matrix.querySelectorAll("tbody"), function (group) {
        var visible = 0;
        Array.prototype.forEach.call(group.querySelectorAll("tr[data-cf-evidence]"), function (row) {
          var show = !gapsOnly.checked || row.dataset.cfEvidence === "0";
          row.hidden = !show;
          if (show) visible += 1;
        });
        group.hidden = visible === 0;
      });
    }

    gapsOnly.addEventListener("change", apply);
    apply();
  }

  function setUp() {
    Array.prototype.forEach.call(document.querySelectorAll(".cf-matrix"), setUpMatrix);
  }

  window.coachfolioOnPage(setUp);
})();
