// The page's service worker: after one visit the page loads and analyses logs with the network
// off. Everything it serves is this build's own files, from a cache named by the build (the
// build writes BUILD, a digest of every file, and FILES); a new build's worker fills its own
// cache and drops the old ones. Requests to other origins are never made or answered here.
const BUILD = '__BUILD__';
const FILES = __FILES__;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(BUILD).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== BUILD).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) {
    return;
  }
  // This build's file from the cache; anything else (a new build's file) from the network.
  event.respondWith(
    caches.open(BUILD)
      .then((cache) => cache.match(event.request, { ignoreSearch: true }))
      .then((hit) => hit || fetch(event.request)),
  );
});
