// What a phone downloads to show each route of Kanta Extranet the first time: every byte on the
// wire (compressed as the server sent it) until the page is interactive and the network is quiet,
// with an empty cache and the service worker kept out (it would fetch the whole build besides).
// Logged in as the sandbox's test persons where a route needs it. Prints a table, writes it to
// target/bench/size.md, and exits 1 when a page is over its budget.
//
// Usage: node bench/size.mjs http://127.0.0.1:PORT   (see .ci/size.sh, which starts the server)
import { chromium, devices } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { logIn as logInAs } from './login.mjs';

const base = process.argv[2];
const KB = 1024;
/** Budgets in bytes, from issue 17: the tightest that applies to a page counts. */
const budget = (page) => (page.guide ? 120 * KB : page.islands === 0 ? 60 * KB : 150 * KB);
const budgetName = (page) => (page.guide ? 'guide' : page.islands === 0 ? 'header only' : 'any page');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--no-first-run'],
});
const phone = { ...devices['Pixel 7'], serviceWorkers: 'block' };

/** Logs `person` (a sandbox test person's id) in; returns the cookies to start pages with. */
async function logIn(person) {
  const context = await logInAs(browser, base, person, phone);
  const state = await context.storageState();
  await context.close();
  return state;
}

/**
 * The bytes of `url` as a phone gets them over HTTPS: brotli where the server offers it. Chromium
 * asks for brotli only over HTTPS, so each file the page loaded is asked for again here with
 * `Accept-Encoding: br` and the page's cookies, and its compressed body and headers counted.
 */
async function brotliBytes(url, cookies) {
  const { hostname, port, pathname, search } = new URL(url);
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return new Promise((resolve, reject) => {
    const headers = { 'accept-encoding': 'br', ...(cookie ? { cookie } : {}) };
    http
      .get({ hostname, port, path: pathname + search, headers }, (response) => {
        let bytes = 0;
        response.on('data', (chunk) => (bytes += chunk.length));
        response.on('end', () => {
          const head = response.rawHeaders.reduce((n, h) => n + h.length + 2, 0);
          resolve(bytes + head);
        });
      })
      .on('error', reject);
  });
}

/** Loads `path` in a fresh context (empty cache) and adds up what came over the network. */
async function measure(path, state) {
  const context = await browser.newContext({ ...phone, storageState: state });
  const page = await context.newPage();
  const loaded = [];
  page.on('requestfinished', (request) => loaded.push(request));
  const response = await page.goto(base + path, { waitUntil: 'load' });
  await page.locator('html[data-hydrated="true"]').waitFor({ timeout: 20_000 }).catch(() => {});
  await page.waitForLoadState('networkidle');
  const islands = await page.locator('leptos-island').count();
  // Then what the first touch of each island still to hydrate brings (its code, on first use).
  const firstLoad = loaded.length;
  const waiting = page.locator('[data-hydrate="on-first-use"]:has(leptos-island:not([data-hydrated]))');
  for (let i = await waiting.count(); i > 0; i--) {
    await waiting.first().locator('a, button, input, select, textarea').first().dispatchEvent('pointerdown');
    await page.waitForFunction(
      (left) => document.querySelectorAll('[data-hydrate="on-first-use"] leptos-island:not([data-hydrated])').length < left,
      i,
    );
  }
  await page.waitForLoadState('networkidle');
  const status = response?.status() ?? 0;
  const finalPath = new URL(page.url()).pathname;
  const cookies = await context.cookies();
  await context.close();
  let bytes = 0;
  let onFirstUse = 0;
  const kinds = { html: 0, css: 0, js: 0, wasm: 0, other: 0 };
  for (const [n, request] of loaded.entries()) {
    const url = request.url();
    if (!url.startsWith(base)) continue;
    // Redirects are counted by their headers; the document by its final address.
    const size = await brotliBytes(url, cookies);
    if (n >= firstLoad) {
      onFirstUse += size;
      continue;
    }
    bytes += size;
    const type = request.resourceType();
    const kind = type === 'document' ? 'html' : url.split('?')[0].endsWith('.wasm') ? 'wasm' : type === 'stylesheet' ? 'css' : type === 'script' ? 'js' : 'other';
    kinds[kind] += size;
  }
  return { path, status, finalPath, bytes, kinds, islands, onFirstUse, requests: firstLoad };
}

/** The page of the applicant's first application in one of `states` (badge classes). */
async function applicationIn(states) {
  const context = await browser.newContext({ ...phone, storageState: applicant });
  const page = await context.newPage();
  await page.goto(`${base}/applications`);
  const badges = states.map((s) => `.badge--${s}`).join(', ');
  const row = page.locator('#applications tr', { has: page.locator(badges) }).first();
  const href = (await row.count()) ? await row.locator('a').first().getAttribute('href') : undefined;
  await context.close();
  return href;
}

/** The first link on `path` whose address matches `pattern`, for routes with an id. */
async function firstLink(path, state, pattern) {
  const context = await browser.newContext({ ...phone, storageState: state });
  const page = await context.newPage();
  await page.goto(base + path);
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  await context.close();
  return hrefs.find((href) => pattern.test(href));
}

const anonymous = { cookies: [], origins: [] };
const applicant = await logIn('p01'); // Aino Virtanen, managing director of Lähiklinikka Oy
const staff = await logIn('p10'); // Oskar Berg, Kanta's customer service

const guides = [...new Set((await (await fetch(`${base}/materials`)).text()).match(/\/guides\/[a-z0-9-]+/g) ?? [])];
const routes = [
  ['/', anonymous],
  ['/login', anonymous],
  ['/login/failed', anonymous],
  ['/logged-out', anonymous],
  ['/accessibility', anonymous],
  ['/materials', anonymous],
  ...guides.map((g) => [g, anonymous]),
  ['/no-such-page', anonymous],
  ['/', applicant],
  ['/account', applicant],
  ['/organisations', applicant],
  ['/organisation', applicant],
  ['/applications', applicant],
  [await applicationIn(['in-production', 'submitted', 'joint-testing', 'approved']), applicant],
  ['/customer-data', applicant],
  ['/billing', applicant],
  [await firstLink('/billing', applicant, /^\/billing\/\d+$/), applicant],
  ['/staff', staff],
  [await firstLink('/staff', staff, /^\/staff\/applications\/\d+$/), staff],
  ['/staff/billing', staff],
  ['/staff/mail', staff],
];
// A draft's page is the application wizard: the heaviest island.
const draft = await applicationIn(['draft', 'returned']);
if (draft) routes.push([draft, applicant]);

const rows = [];
let over = 0;
for (const [path, state] of routes) {
  if (!path) continue;
  const who = state === anonymous ? 'anonymous' : state === staff ? 'staff' : 'applicant';
  const page = await measure(path, state);
  page.guide = path.startsWith('/guides/');
  const limit = budget(page);
  const ok = page.bytes <= limit;
  if (!ok) over += 1;
  rows.push({ who, ...page, limit, ok });
}
await browser.close();

// The pictures of the product a whole guide adds on a phone, as the service worker lists them, one
// picture per screen, in each language: in each format a browser may be given (WebP, or the PNG
// where it reads none), the larger against the budget.
const PICTURES_BUDGET = 150 * KB;
const worker = await (await fetch(`${base}/sw.js`)).text();
const guidePictures = JSON.parse(worker.match(/const GUIDE_PICTURES = (.*);/)[1]);
const pictureRows = [];
for (const [guide, files] of Object.entries(guidePictures)) {
  for (const lang of ['fi', 'sv']) {
    const total = async (format) => {
      let bytes = 0;
      const mine = files.filter((f) => f.endsWith(`.${format}`) && f.includes(`.${lang}.phone.`));
      for (const file of mine) bytes += (await (await fetch(`${base}${file}`)).arrayBuffer()).byteLength;
      return [mine.length, bytes];
    };
    const [count, webp] = await total('webp');
    if (count === 0) continue;
    const [, png] = await total('png');
    const ok = Math.max(webp, png) <= PICTURES_BUDGET;
    if (!ok) over += 1;
    pictureRows.push({ guide, lang, count, webp, png, ok });
  }
}

const kb = (n) => (n / KB).toFixed(1);
const lines = [
  '| route | as | status | islands | requests | HTML | CSS | JS | WASM | other | total KB | budget | | on first use |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.path}${r.finalPath !== r.path.split('?')[0] ? ` → ${r.finalPath}` : ''} | ${r.who} | ${r.status} | ${r.islands} | ${r.requests} | ${kb(r.kinds.html)} | ${kb(r.kinds.css)} | ${kb(r.kinds.js)} | ${kb(r.kinds.wasm)} | ${kb(r.kinds.other)} | **${kb(r.bytes)}** | ${kb(r.limit)} (${budgetName(r)}) | ${r.ok ? 'ok' : 'OVER'} | ${r.onFirstUse ? `+${kb(r.onFirstUse)}` : ''} |`,
  ),
];
const table = [
  `First load on a phone (Pixel 7 profile, empty cache, no service worker), in KB (1024 B) as sent over HTTPS (brotli), headers included, ${new Date().toISOString().slice(0, 16)}Z. An island hydrates at load, or on first use (app/src/hydration.rs): "on first use" is what the first touch of those islands then brings.`,
  '',
  ...lines,
  '',
  'Pictures of the product a whole guide adds on a phone, in each format a browser may be given, the largest against 150 KB.',
  '',
  '| guide | language | pictures | WebP KB | PNG KB | |',
  '|---|---|---|---|---|---|',
  ...pictureRows.map((r) => `| ${r.guide} | ${r.lang} | ${r.count} | ${kb(r.webp)} | ${kb(r.png)} | ${r.ok ? 'ok' : 'OVER'} |`),
  '',
  over ? `${over} page(s) or guide(s) over budget.` : 'Every page and guide within its budget.',
  '',
].join('\n');
console.log(table);
mkdirSync('../target/bench', { recursive: true });
writeFileSync('../target/bench/size.md', table);
process.exit(over ? 1 : 0);
