// Kanta Extranet's service worker. This build's scripts, styles, icons, illustrations and the public
// guidance pages are kept on the device, so a guide opened once still works with the network off.
// The server fills in the build version and the lists; a new build installs a new cache and drops
// the old one.
const CACHE = 'kanta-__VERSION__';
const ASSETS = __ASSETS__;
// Public pages only: pages behind login are never stored on the device.
const PAGES = __PAGES__;

self.addEventListener('install', (event) => {
  event.waitUntil(
    // Past the HTTP cache: a build's file may keep its name when only what it refers to changed.
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...ASSETS, ...PAGES].map((path) => new Request(path, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('kanta-') && k !== CACHE && k !== PICTURES).map((k) => caches.delete(k))))
      .then(() => forgetOldPictures())
      .then(() => self.clients.claim()),
  );
});

// Each guide's pictures of the product (`/screens/<screen>.<lang>.<width>.<hash>.<format>`) by the
// guide's address, in every language, width and format: not stored at install, but all of a guide's pictures in the
// language, width and format the browser chose are stored once it shows one of them.
const GUIDE_PICTURES = __GUIDE_PICTURES__;
// In a cache of their own, so a new build keeps them (their names hold their content's hash); it
// drops only those no guide shows any more.
const PICTURES = 'kanta-screens';

const isPublicPage = (path) => PAGES.includes(path);

// A page whose session ended while it was open asks for the stored pages to be forgotten. A page
// names a guide's picture it showed before this worker ran (its fetch went past the worker), so
// that the guide's pictures are kept from the first visit on.
self.addEventListener('message', (event) => {
  if (event.data === 'forget-pages') event.waitUntil(forgetPages());
  const shown = typeof event.data === 'string' && event.data.startsWith('keep:') ? event.data.slice('keep:'.length) : '';
  if (Object.values(GUIDE_PICTURES).some((files) => files.includes(shown))) {
    const url = new URL(shown, self.location.origin);
    event.waitUntil(storedFirst(new Request(url), url).then(() => keepGuidePictures(shown), () => {}));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // A stored page shows the header of whoever was logged in: logging out forgets them.
  if (request.method === 'POST' && url.pathname === '/auth/logout') {
    event.waitUntil(forgetPages());
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') {
    if (isPublicPage(url.pathname)) event.respondWith(networkFirst(request, url));
  } else if (url.pathname === '/manifest.webmanifest') {
    // In the language of the moment, like the pages.
    event.respondWith(networkFirst(request, url));
  } else if (url.pathname.startsWith('/screens/')) {
    event.respondWith(storedFirst(request, url));
    event.waitUntil(keepGuidePictures(url.pathname));
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
  }
});

// Fresh from the network when there is one; else the stored copy. Stored by path, and only the
// page without a query: a wizard reads its step and answers from the address, so that copy serves
// every step, and a filtered list is never shown as if it were the whole.
async function networkFirst(request, url) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected && url.search === '') await cache.put(url.pathname, response.clone());
    return response;
  } catch (offline) {
    const stored = await cache.match(url.pathname);
    if (stored) return stored;
    throw offline;
  }
}

async function forgetPages() {
  const cache = await caches.open(CACHE);
  for (const request of await cache.keys()) {
    if (isPublicPage(new URL(request.url).pathname)) await cache.delete(request);
  }
}

async function storedFirst(request, url) {
  const cache = await caches.open(PICTURES);
  const stored = await cache.match(url.pathname);
  if (stored) return stored;
  const response = await fetch(request);
  if (response.ok) await cache.put(url.pathname, response.clone());
  return response;
}

// The other pictures of the guides `path` is in, in the same language, width and format.
async function keepGuidePictures(path) {
  const [, lang, width, , format] = path.slice('/screens/'.length).split('.');
  const same = (other) => {
    const [, l, w, , f] = other.slice('/screens/'.length).split('.');
    return l === lang && w === width && f === format && other !== path;
  };
  const wanted = [...new Set(Object.values(GUIDE_PICTURES).filter((files) => files.includes(path)).flat().filter(same))];
  const cache = await caches.open(PICTURES);
  for (const other of wanted) {
    if (await cache.match(other)) continue;
    try {
      const response = await fetch(other);
      if (response.ok) await cache.put(other, response);
    } catch (offline) {
      return;
    }
  }
}

async function forgetOldPictures() {
  const shown = new Set(Object.values(GUIDE_PICTURES).flat());
  const cache = await caches.open(PICTURES);
  for (const request of await cache.keys()) {
    if (!shown.has(new URL(request.url).pathname)) await cache.delete(request);
  }
}
