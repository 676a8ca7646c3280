// Service-hall kiosk: back to the start page after a time without a touch or key (every touch or
// key restarts the count), and the "back" button steps back in the history. Settings come from
// the <body> data attributes, so the page needs no inline script (the site's CSP allows none).
(function () {
  var body = document.body;
  var start = body.dataset.kioskStart;
  var seconds = Number(body.dataset.kioskReturnSeconds);
  var timer;
  function restart() {
    clearTimeout(timer);
    timer = setTimeout(function () { location.href = start; }, seconds * 1000);
  }
  ["touchstart", "mousedown", "keydown", "scroll"].forEach(function (name) {
    addEventListener(name, restart, { passive: true });
  });
  restart();
  document.querySelectorAll("[data-kiosk-back]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (history.length > 1) {
        event.preventDefault();
        history.back();
      }
    });
  });
})();
