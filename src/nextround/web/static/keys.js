// The app's keyboard shortcuts, listed on /help: "?" opens that page, "g t" goes to
// Today, "g a" to Applications, "/" focuses the Quick add box. Keys typed into a
// field, or pressed with Ctrl, Alt or Meta, are left alone.
(function () {
  "use strict";
  var pending = false, timer = null;
  function typing(target) {
    return target && target.closest && target.closest("input, textarea, select, [contenteditable]");
  }
  var goes = {t: "/", a: "/applications"};
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) return;
    var key = event.key;
    if (pending) {
      pending = false;
      clearTimeout(timer);
      if (goes[key]) { event.preventDefault(); window.location.href = goes[key]; }
      return;
    }
    if (key === "?") { event.preventDefault(); window.location.href = "/help"; }
    else if (key === "/") {
      var box = document.getElementById("quick-add-text");
      if (box) { event.preventDefault(); box.focus(); }
    } else if (key === "g") {
      pending = true;
      timer = setTimeout(function () { pending = false; }, 1500);
    }
  });
})();
