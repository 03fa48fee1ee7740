// The Applications board moved by hand: drag and drop, or the keyboard (Space to pick up,
// arrows to carry, Space or Enter to put down, Escape to cancel). Each move posts the card's
// own Move form, which works without this script.
(function () {
  "use strict";
  var board = document.querySelector(".board");
  var live = document.getElementById("board-live");
  if (!board || !live) return;
  var dragged = null, held = null;

  function say(text) {
    live.textContent = "";
    setTimeout(function () { live.textContent = text; }, 30);
  }
  function role(card) { return card.querySelector(".app-role").textContent.trim(); }
  function lists() { return Array.from(board.querySelectorAll("ul.cards")); }
  function cardsOf(list) { return Array.from(list.children).filter(function (el) { return el.matches("li.app-card"); }); }
  function where(card) {
    var list = card.parentNode, all = cardsOf(list);
    return list.getAttribute("aria-label") + ", place " + (all.indexOf(card) + 1) + " of " + all.length;
  }
  function show(list) {
    var fold = list.closest("details");
    if (fold && !fold.open) fold.open = true;
  }
  function prepare() {
    board.querySelectorAll("li.app-card").forEach(function (card) {
      card.draggable = true;
      card.tabIndex = 0;
    });
  }
  function spot(card) {
    return {list: card.parentNode, next: card.nextElementSibling, status: card.parentNode.getAttribute("data-status")};
  }
  function putBack(card, from) { from.list.insertBefore(card, from.next); }

  // The board as the server has it now, keeping the columns the user opened or folded.
  function refresh(focusId, problem) {
    var open = {};
    board.querySelectorAll("section[aria-labelledby] > details").forEach(function (d) {
      open[d.parentNode.getAttribute("aria-labelledby")] = d.open;
    });
    return fetch(window.location.href, {credentials: "same-origin"})
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector(".board");
        if (!fresh) { window.location.reload(); return; }
        board.innerHTML = fresh.innerHTML;
        board.querySelectorAll("section[aria-labelledby] > details").forEach(function (d) {
          var key = d.parentNode.getAttribute("aria-labelledby");
          if (key in open) d.open = open[key];
        });
        var main = document.getElementById("main"), old = main.querySelector(".flash");
        var notice = page.querySelector(".flash");
        if (problem) {
          notice = document.createElement("div");
          notice.className = "flash conflict";
          notice.setAttribute("role", "alert");
          notice.appendChild(document.createElement("p")).textContent = problem;
        }
        if (old) old.remove();
        if (notice) main.insertBefore(notice, main.firstChild);
        prepare();
        var card = focusId && document.getElementById(focusId);
        if (card) card.focus();
      });
  }

  function send(card, from, focus) {
    var list = card.parentNode;
    if (list === from.list && card.nextElementSibling === from.next) return;
    var form = card.querySelector("form.move-to");
    var data = new FormData(form);
    var next = card.nextElementSibling;
    data.set("status", list.getAttribute("data-status"));
    data.set("from", from.status);
    data.set("before", next && next.matches("li.app-card") ? next.getAttribute("data-id") : "");
    board.setAttribute("aria-busy", "true");
    fetch(form.action, {method: "POST", body: data, credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        if (answer.ok && answer.location) { window.location.assign(answer.location); return; }
        say(answer.ok ? answer.message : answer.conflict);
        return refresh(focus ? card.id : null, answer.ok ? null : answer.conflict);
      })
      .catch(function () {
        var text = "That move was not saved. Reload the page and try again.";
        say(text);
        return refresh(null, text);
      })
      .then(function () { board.removeAttribute("aria-busy"); });
  }

  // Dragging. A drop outside every column changes nothing.
  function target(el) {
    var group = el.closest && el.closest(".closed-group, .column");
    if (!group || !board.contains(group)) return null;
    var found = group.querySelectorAll("ul.cards");
    return found.length === 1 ? found[0] : null;
  }
  function cardAt(list, y) {
    return cardsOf(list).find(function (card) {
      var box = card.getBoundingClientRect();
      return card !== dragged && y < box.top + box.height / 2;
    }) || null;
  }
  board.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("li.app-card");
    if (!card) return;
    dragged = card;
    dragged.from = spot(card);
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
    card.classList.add("dragging");
  });
  function over(event) {
    if (!dragged) return;
    var closed = event.target.closest && event.target.closest(".column.closed > details:not([open])");
    if (closed) closed.open = true;  // held over the folded Closed column, it opens
    if (!target(event.target)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  }
  board.addEventListener("dragenter", over);
  board.addEventListener("dragover", over);
  board.addEventListener("drop", function (event) {
    var list = dragged && target(event.target);
    if (!list) return;
    event.preventDefault();
    var card = dragged;
    list.insertBefore(card, cardAt(list, event.clientY));
    send(card, card.from, false);
  });
  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
  });

  // The keyboard: the same moves, told through the live region.
  function carry(card, key) {
    var list = card.parentNode, all = cardsOf(list), at = all.indexOf(card);
    if (key === "ArrowUp" && at > 0) list.insertBefore(card, all[at - 1]);
    else if (key === "ArrowDown" && at < all.length - 1) list.insertBefore(card, all[at + 1].nextSibling);
    else if (key === "ArrowLeft" || key === "ArrowRight") {
      var every = lists(), to = every[every.indexOf(list) + (key === "ArrowLeft" ? -1 : 1)];
      if (!to) return;
      show(to);
      var there = cardsOf(to);
      to.insertBefore(card, there[Math.min(at, there.length)] || null);
    }
    card.focus();
    say(role(card) + ": " + where(card));
  }
  board.addEventListener("keydown", function (event) {
    var card = event.target;
    if (!card.matches || !card.matches("li.app-card")) return;
    if (!held) {
      if (event.key !== " ") return;
      event.preventDefault();
      held = {card: card, from: spot(card)};
      card.classList.add("held");
      say("Picked up " + role(card) + ", " + where(card) + ". Arrow keys to move, Space to drop, Escape to cancel.");
      return;
    }
    if (held.card !== card) return;
    var from = held.from;
    if (event.key === "Escape" || event.key === "Tab") {
      if (event.key === "Escape") event.preventDefault();
      putBack(card, from);
      card.classList.remove("held");
      held = null;
      card.focus();
      say("Move cancelled; " + role(card) + " is back in " + where(card) + ".");
    } else if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      card.classList.remove("held");
      held = null;
      if (card.parentNode === from.list && card.nextElementSibling === from.next) say("Put back where it was.");
      else send(card, from, true);
    } else if (/^Arrow/.test(event.key)) {
      event.preventDefault();
      carry(card, event.key);
    }
  });

  prepare();
})();
