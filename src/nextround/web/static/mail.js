// The Mail page: while a scan runs, ask how far it got; show the Mail page afresh once it
// is done. Not by reloading: a page that answered a POST (a second scan refused while
// this one runs) would send that POST again and start a scan nobody asked for.
(function () {
  "use strict";
  var status = document.querySelector("[data-scan-status]");
  if (!status) return;
  var count = status.querySelector("[data-scan-read]");
  var url = status.getAttribute("data-scan-status");
  var done = status.getAttribute("data-scan-done") || "/mail";
  var delay = 1000;
  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (job && job.state === "running") {
          if (count) count.textContent = String(job.read);
          delay = Math.min(delay + 500, 5000);
          setTimeout(poll, delay);
        } else if (window.location.pathname === done) {
          window.location.reload();  // a GET: its paging and folding stay
        } else {
          window.location.assign(done + "#scan");
        }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, delay);
})();
