// The checkpoint page's service worker (scope /checkpoint/): keeps the app shell, the administrative units, the JWKS,
// the revocation list and the province's offline health list, so that a pass can be checked with no network. Every one
// of them is fetched from the network first whenever there is one (so it is refreshed whenever online) and answered
// from the cache otherwise. A copy in the cache carries the time it was fetched (x-fetched-at), so the page can say how
// old its data is; a copy with an ETag is asked for with If-None-Match, and a 304 re-stamps the copy (it is current).
// Nothing else is cached: scans, passages and declarations go to the network or fail.
const CACHE = 'movepass-checkpoint-v2';
const SHELL = [
  '/checkpoint/', '/checkpoint/manifest.webmanifest', '/css/app.css', '/config.json', '/favicon.ico',
  '/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/apple-touch-icon.png',
  '/js/i18n.js', '/js/api.js', '/js/base64url.js', '/js/dom.js', '/js/units.js', '/js/qr.js', '/js/declaration-form.js',
  '/js/declaration-form/controls.js', '/js/declaration-form/errors.js', '/js/declaration-form/rules.js',
  '/js/checkpoint/main.js', '/js/checkpoint/session.js', '/js/checkpoint/hosted-ui.js', '/js/checkpoint/signin.js',
  '/js/checkpoint/scan.js', '/js/checkpoint/verdict.js', '/js/checkpoint/qr.js', '/js/checkpoint/camera.js',
  '/js/checkpoint/paper.js', '/js/checkpoint/pass-token.js', '/js/checkpoint/offline-data.js',
  '/js/checkpoint/offline-check.js', '/js/checkpoint/health-list.js', '/js/checkpoint/queue.js', '/js/checkpoint/status.js',
  '/js/checkpoint/install.js',
  '/vendor/jsqr/jsQR.js', '/vendor/noble-ed25519/index.js',
  '/data/units.json', '/.well-known/jwks.json',
];
/** Fetched by the page with the officer's token; kept once fetched. */
const DATA = ['/v1/passes/revocations'];
const HEALTH_LIST = /^\/v1\/provinces\/[0-9]{2}\/health-list$/;

function isData(path) {
  return DATA.includes(path) || HEALTH_LIST.test(path);
}

/** A copy of a response with the time it was fetched (now), to keep. */
async function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set('x-fetched-at', new Date().toISOString());
  return new Response(await response.arrayBuffer(), { status: 200, statusText: 'OK', headers });
}

async function fetchAndKeep(request) {
  const path = new URL(request.url).pathname;
  const cache = await caches.open(CACHE);
  const old = isData(path) ? await cache.match(path) : null;
  const etag = old && old.headers.get('etag');
  let sent = request;
  if (etag) {
    const headers = new Headers(request.headers);
    headers.set('If-None-Match', etag);
    sent = new Request(request, { headers });
  }
  const response = await fetch(sent, { cache: 'no-store' });
  if (response.status === 304 && old) {
    const kept = await stamped(old);
    await cache.put(path, kept.clone());
    return kept;
  }
  if (!response.ok) return response;
  const kept = await stamped(response);
  await cache.put(path, kept.clone());
  return kept;
}

self.addEventListener('install', (event) => {
  event.waitUntil(Promise.all(SHELL.map((path) => fetchAndKeep(new Request(path)).catch(() => null)))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith('movepass-checkpoint-') && n !== CACHE)
      .map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  const path = url.pathname === '/checkpoint/index.html' ? '/checkpoint/' : url.pathname;
  if (!SHELL.includes(path) && !isData(path)) return;
  event.respondWith(fetchAndKeep(event.request).then((response) => {
    if (response.ok || response.status === 401 || response.status === 403) return response;
    return caches.match(path).then((kept) => kept || response);
  }).catch(() => caches.match(path).then((kept) => kept || Response.error())));
});
