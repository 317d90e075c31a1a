/*
 * Coachfolio citations: copy buttons for "Cite this reflection". The text is
 * copied to the reader's own clipboard; nothing is sent anywhere.
 */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain http (a local preview) has no clipboard API: fall back to a selection.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      area.remove();
      if (done) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function setUp() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-cf-copy]"), function (button) {
      if (button.dataset.cfReady) return;
      button.dataset.cfReady = "true";
      button.hidden = false;
      var status = button.closest("section") && button.closest("section").querySelector(".cf-copy-status");
      button.addEventListener("click", function () {
        var source = document.getElementById(button.dataset.cfCopy);
        var label = button.textContent;
        copyText(source.innerText.trim()).then(function () {
          button.textContent = "Copied";
          if (status) status.textContent = label.replace("Copy", "Copied") + " to the clipboard.";
          setTimeout(function () { button.textContent = label; }, 2000);
        }, function () {
          if (status) status.textContent = "Could not copy; select the text and copy it instead.";
        });
      });
    });
  }

  window.coachfolioOnPage(setUp);
})();
