// The installable app: register the service worker (sw.js) and say when we're offline.
(function () {
  "use strict";
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js", {scope: "/"}).catch(function () {});
  }
  var notice = document.getElementById("offline-notice");
  if (!notice) return;
  function show() { notice.hidden = navigator.onLine; }
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  show();
})();
