// Meishi's service worker: keeps the scan page and its files on the device, so the app opens without a
// connection (trade-fair Wi-Fi) and photos can be queued (offline-queue.js). Only GET requests are
// handled; uploads always go to the network.
"use strict";

const CACHE = "meishi-shell-v1";
const SHELL = [
  "/static/app.css",
  "/static/app.js",
  "/static/offline-queue.js",
  "/static/favicon.svg",
  "/static/icons/icon-192.png",
  "/manifest.webmanifest",
];

// The scan page is kept at once (when signed in), so the app opens offline after a single visit.
async function keepScanPage(cache) {
  try {
    const response = await fetch("/", { credentials: "same-origin" });
    if (cacheable(response)) await cache.put("/", response);
  } catch (error) {
    // offline while installing: the page is kept at the next visit
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(SHELL).then(() => keepScanPage(cache)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

function cacheable(response) {
  return response && response.ok && !response.redirected && response.type === "basic";
}

// Pages: the network first (they show live data); without a connection the copy kept from the last
// visit, and for any page never visited the scan page, which works offline.
async function page(request) {
  const cache = await caches.open(CACHE);
  const key = new URL(request.url).pathname;
  try {
    const response = await fetch(request);
    if (cacheable(response)) cache.put(key, response.clone());
    return response;
  } catch (error) {
    const kept = (await cache.match(key)) || (await cache.match("/"));
    if (kept) return kept;
    throw error;
  }
}

// Static files: the kept copy at once, refreshed in the background for the next visit.
async function asset(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreSearch: true });
  const fresh = fetch(request).then((response) => {
    if (cacheable(response)) cache.put(request, response.clone());
    return response;
  });
  if (kept) {
    fresh.catch(() => undefined);
    return kept;
  }
  return fresh;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith("/static/") || url.pathname === "/manifest.webmanifest") {
    event.respondWith(asset(request));
  }
});
