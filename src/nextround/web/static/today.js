// Today without page loads: a row's forms are sent with fetch and the list comes back
// drawn by the server (GET /today/list). Without this file the same forms post and redirect.
(function () {
  "use strict";
  var LIST = "/today/list";

  function swap(html) {
    var list = document.getElementById("today-list");
    var box = document.createElement("div");
    box.innerHTML = html;
    var fresh = box.querySelector("#today-list");
    if (!list || !fresh) return false;
    var old = document.querySelector("main > .flash");
    if (old) old.remove();
    list.replaceWith(fresh);
    var note = fresh.querySelector("[role=alert], .flash");
    if (note) { note.tabIndex = -1; note.focus(); }
    return true;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("#today-list form[data-today]")) return;
    event.preventDefault();
    var data = new FormData(form);
    data.set("next", LIST);
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    fetch(form.action, {method: "POST", body: data, credentials: "same-origin"})
      .then(function (response) {
        if (!response.headers.get("X-Nextround-Fragment")) throw new Error("not a fragment");
        return response.text();
      })
      .then(function (html) { if (!swap(html)) throw new Error("no list"); })
      .catch(function () { form.submit(); });  // the plain form: the server says what went wrong
  });

  // A row's menu closes with Escape (focus back on its button) or a click elsewhere.
  document.addEventListener("keydown", function (event) {
    var menu = event.key === "Escape" && event.target.closest && event.target.closest("details.today-menu[open]");
    if (!menu) return;
    menu.open = false;
    menu.querySelector("summary").focus();
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.today-menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  });

  // A draft opens in place: fetched the first time its row is opened.
  document.addEventListener("toggle", function (event) {
    var box = event.target;
    if (!box.open || !box.matches("details[data-draft]") || box.dataset.loaded) return;
    box.dataset.loaded = "1";
    fetch(box.dataset.draft, {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) { box.querySelector(".today-draft-body").innerHTML = html; })
      .catch(function () { delete box.dataset.loaded; });
  }, true);
})();
