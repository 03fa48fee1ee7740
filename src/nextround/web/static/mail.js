// The Mail page: while a scan runs, ask how far it got; reload once it is done.
(function () {
  "use strict";
  var status = document.querySelector("[data-scan-status]");
  if (!status) return;
  var count = status.querySelector("[data-scan-read]");
  var url = status.getAttribute("data-scan-status");
  var delay = 1000;
  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (job && job.state === "running") {
          if (count) count.textContent = String(job.read);
          delay = Math.min(delay + 500, 5000);
          setTimeout(poll, delay);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, delay);
})();
