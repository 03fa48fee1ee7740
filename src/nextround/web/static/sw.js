// nextround's service worker (issue 16, point 4). Served at /sw.js, scope "/".
// Everything is network first, so an online page is never stale. Kept for offline: the
// app shell (on install), Today, and the steps and drafts last seen (as they're visited).
// A post to /offline/clear or /logout empties every cache before it goes on.
"use strict";
var VERSION = "nextround-v1";
var SHELL = [
  "/static/app.css", "/static/app.js", "/static/keys.js", "/static/pwa.js", "/static/today.js",
  "/static/favicon.svg", "/static/icon-192.png", "/manifest.webmanifest"
];
// Today ("/" and its list), each step's page, and the drafts Today opens in place.
var KEPT = /^\/(?:$|today\/list$|tasks\/\d+$|today\/tasks\/\d+\/draft$)/;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(VERSION).then(function (cache) {
      // One by one: a file missing from this version doesn't stop the install.
      return Promise.all(SHELL.map(function (path) { return cache.add(path).catch(function () {}); }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name !== VERSION; })
        .map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function forgetAll() {
  return caches.keys().then(function (names) {
    return Promise.all(names.map(function (name) { return caches.delete(name); }));
  });
}

function offlinePage() {
  var html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
    "<title>Offline · nextround</title><link rel=\"stylesheet\" href=\"/static/app.css\">" +
    "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\"></head>" +
    "<body><main id=\"main\"><h1>You're offline</h1><p class=\"offline-notice\">" +
    "This page wasn't saved on this device. <a href=\"/\">Today</a> and the steps you " +
    "opened recently are; the rest comes back with the connection.</p></main></body></html>";
  return new Response(html, {headers: {"Content-Type": "text/html; charset=utf-8"}});
}

// Network first; a good answer to a kept address is stored (a page or a draft fragment),
// and without a network the stored copy answers, or the offline page for a navigation.
function networkFirst(request, url, keep) {
  return fetch(request).then(function (response) {
    if (response.ok && keep) {
      var copy = response.clone();
      caches.open(VERSION).then(function (cache) { return cache.put(url.pathname, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(url.pathname).then(function (kept) {
      if (kept) return kept;
      return request.mode === "navigate" ? offlinePage() : Response.error();
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && (url.pathname === "/offline/clear" || url.pathname === "/logout")) {
    event.respondWith(forgetAll().then(function () { return fetch(request); }));
    return;
  }
  if (request.method !== "GET") return;
  var keep = !url.search && (KEPT.test(url.pathname) || SHELL.indexOf(url.pathname) >= 0);
  if (keep || request.mode === "navigate") event.respondWith(networkFirst(request, url, keep));
});
