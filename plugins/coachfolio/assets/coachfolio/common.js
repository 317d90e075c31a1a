/*
 * Coachfolio: what every Coachfolio script shares.
 *
 * coachfolioOnPage(setUp) runs setUp for each page: once when the page loads,
 * and again after each of Material's instant-navigation page changes, which
 * swap the content without a reload (document$ announces them).
 */
window.coachfolioOnPage = function (setUp) {
  "use strict";
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
};
