/*
 * Coachfolio rubrics: the in-browser self-assessment and print buttons.
 *
 * Answers are kept in the visitor's own browser (localStorage) and exported as
 * files they download themselves: nothing is ever sent to a server. Without
 * JavaScript the rubric page is the plain table, so everything here is an
 * enhancement that reveals controls the page keeps hidden.
 */
(function () {
  "use strict";

  var STORAGE_PREFIX = "coachfolio:self-assessment:";

  function readState(key) {
    try {
      var stored = window.localStorage.getItem(key);
      if (stored) {
        var state = JSON.parse(stored);
        return { levels: state.levels || {}, notes: state.notes || {}, open: !!state.open };
      }
    } catch (error) {
      // Storage can be disabled or full; the form still works for this visit.
    }
    return { levels: {}, notes: {}, open: false };
  }

  function writeState(key, state) {
    try {
      window.localStorage.setItem(key, JSON.stringify(state));
    } catch (error) {
      // See readState: losing persistence must not break the form.
    }
  }

  function clearState(key) {
    try {
      window.localStorage.removeItem(key);
    } catch (error) {
      // Nothing stored, nothing to clear.
    }
  }

  function formatNumber(value) {
    return String(Math.round(value * 100) / 100);
  }

  function csvField(value) {
    var text = value === undefined || value === null ? "" : String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function download(filename, type, content) {
    var blob = new Blob([content], { type: type });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 0);
  }

  function setUpSelfAssessment(section) {
    if (section.dataset.cfReady) return;
    section.dataset.cfReady = "true";

    var slug = section.dataset.cfSelfassess;
    var key = STORAGE_PREFIX + window.location.pathname;
    var scored = section.dataset.cfScored === "true";
    var form = section.querySelector("form");
    var criteria = Array.prototype.slice.call(section.querySelectorAll("[data-cf-criterion]"));
    var toggle = document.querySelector('[data-cf-selfassess-toggle][aria-controls="' + section.id + '"]');
    var heading = section.querySelector("h2");
    var state = readState(key);

    function chosen(fieldset) {
      return fieldset.querySelector("input[type=radio]:checked");
    }

    function results() {
      return criteria.map(function (fieldset) {
        var input = chosen(fieldset);
        var weight = Number(fieldset.dataset.cfWeight || 1);
        var points = input && scored ? Number(input.dataset.cfPoints) : null;
        return {
          id: fieldset.dataset.cfCriterion,
          criterion: fieldset.dataset.cfCriterionTitle,
          level: input ? input.value : null,
          points: points,
          weight: weight,
          weighted_points: points === null ? null : points * weight,
          notes: fieldset.querySelector("textarea").value
        };
      });
    }

    function updateSummary() {
      var rows = results();
      var assessed = rows.filter(function (row) { return row.level !== null; }).length;
      section.querySelector("[data-cf-assessed]").textContent = String(assessed);
      if (!scored) return;
      var total = 0;
      var weighted = 0;
      rows.forEach(function (row) {
        total += row.points || 0;
        weighted += row.weighted_points || 0;
      });
      var maxWeighted = Number(section.dataset.cfMaxWeighted);
      section.querySelector("[data-cf-total]").textContent = formatNumber(total);
      var weightedOutput = section.querySelector("[data-cf-weighted]");
      if (weightedOutput) weightedOutput.textContent = formatNumber(weighted);
      section.querySelector("[data-cf-percent]").textContent =
        (maxWeighted ? Math.round((weighted / maxWeighted) * 100) : 0) + "%";
    }

    function save() {
      state.levels = {};
      state.notes = {};
      results().forEach(function (row) {
        if (row.level !== null) state.levels[row.id] = row.level;
        if (row.notes) state.notes[row.id] = row.notes;
      });
      writeState(key, state);
    }

    function restore() {
      criteria.forEach(function (fieldset) {
        var id = fieldset.dataset.cfCriterion;
        Array.prototype.forEach.call(fieldset.querySelectorAll("input[type=radio]"), function (input) {
          input.checked = state.levels[id] === input.value;
        });
        fieldset.querySelector("textarea").value = state.notes[id] || "";
      });
    }

    function setOpen(open, moveFocus) {
      section.hidden = !open;
      state.open = open;
      if (toggle) {
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        toggle.textContent = open ? "Close self-assessment" : "Self-assess";
      }
      if (open && moveFocus && heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    }

    function exportCsv() {
      var header = ["Rubric", "Criterion", "Level", "Points", "Weight", "Weighted points", "Evidence and notes"];
      var lines = [header.map(csvField).join(",")];
      results().forEach(function (row) {
        lines.push([
          section.dataset.cfTitle, row.criterion, row.level, row.points, row.weight, row.weighted_points, row.notes
        ].map(csvField).join(","));
      });
      download(slug + "-self-assessment.csv", "text/csv;charset=utf-8", lines.join("\r\n") + "\r\n");
    }

    function exportJson() {
      var rows = results();
      var data = {
        rubric: slug,
        title: section.dataset.cfTitle,
        exported: new Date().toISOString(),
        criteria: rows
      };
      if (scored) {
        data.total = rows.reduce(function (sum, row) { return sum + (row.points || 0); }, 0);
        data.weighted_total = rows.reduce(function (sum, row) { return sum + (row.weighted_points || 0); }, 0);
        data.max_weighted_total = Number(section.dataset.cfMaxWeighted);
      }
      download(slug + "-self-assessment.json", "application/json", JSON.stringify(data, null, 2) + "\n");
    }

    form.addEventListener("change", function () { save(); updateSummary(); });
    form.addEventListener("input", function () { save(); updateSummary(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    section.querySelector('[data-cf-export="csv"]').addEventListener("click", exportCsv);
    section.querySelector('[data-cf-export="json"]').addEventListener("click", exportJson);
    section.querySelector("[data-cf-clear]").addEventListener("click", function () {
      if (!window.confirm("Clear all your answers and notes for this rubric?")) return;
      state = { levels: {}, notes: {}, open: true };
      clearState(key);
      restore();
      updateSummary();
      writeState(key, state);
    });
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        setOpen(section.hidden, true);
        writeState(key, state);
      });
    }

    restore();
    updateSummary();
    setOpen(state.open || !toggle, false);
  }

  function setUp() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-cf-print]"), function (button) {
      if (button.dataset.cfReady) return;
      button.dataset.cfReady = "true";
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    Array.prototype.forEach.call(document.querySelectorAll("section[data-cf-selfassess]"), setUpSelfAssessment);
  }

  window.coachfolioOnPage(setUp);
})();
