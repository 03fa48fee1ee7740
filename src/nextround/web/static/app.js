// Small conveniences; every page works without them.
(function () {
  "use strict";
  var token = document.querySelector('meta[name="csrf-token"]');

  // Copy a draft to the clipboard: <button data-copy="#element-id">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) return;
    var value = "value" in source ? source.value : source.textContent;
    var done = function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(value).then(done);
    } else {
      var area = document.createElement("textarea");
      area.value = value; document.body.appendChild(area); area.select();
      document.execCommand("copy"); area.remove(); done();
    }
  });

  // Live character count: <textarea data-limit="300" aria-describedby="count-id">.
  function count(area) {
    var out = document.getElementById(area.getAttribute("data-counter"));
    if (!out) return;
    var limit = parseInt(area.getAttribute("data-limit"), 10);
    var used = Array.from(area.value).length;
    out.textContent = used + " / " + limit + " characters";
    out.classList.toggle("over", used > limit);
  }
  document.querySelectorAll("textarea[data-limit]").forEach(function (area) {
    area.addEventListener("input", function () { count(area); });
    count(area);
  });

  // Scripts that call the API send the page's token.
  window.nextroundFetch = function (url, options) {
    options = options || {};
    options.headers = Object.assign({"X-CSRF-Token": token ? token.content : ""}, options.headers || {});
    options.credentials = "same-origin";
    return fetch(url, options);
  };
})();
