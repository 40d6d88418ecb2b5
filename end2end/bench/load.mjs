// `make bench`: how many requests a second the release server answers, and how fast, for the
// pages people use most, side by side with a static file, at 64 connections; on SQLite and on
// PostgreSQL, and with little data (1 000 audit events) and national volume (1 000 000).
// The load generator (autocannon) shares the machine's cores with the server, as in issue 17.
// Prints the tables and writes them to target/bench/load.md. Figures, not a pass or fail.
//
// Usage: node bench/load.mjs <server binary>   (KANTA_TEST_POSTGRES_URL: a cluster to use)
import autocannon from 'autocannon';
import { chromium } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { logIn } from './login.mjs';

const server = process.argv[2];
const postgres = process.env.KANTA_TEST_POSTGRES_URL;
const seconds = Number(process.env.KANTA_BENCH_SECONDS ?? 8);
const connections = 64;
const volumes = [
  { name: '1 000 rows', organisations: 10 },
  { name: '1 000 000 rows', organisations: 10_000 },
];
const work = mkdtempSync(join(tmpdir(), 'kanta-bench-'));

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** A fresh database of `kind` named after `tag`. */
function database(kind, tag) {
  if (kind === 'sqlite') return `sqlite://${work}/${tag}.db?mode=rwc`;
  const bindir = readdirSync('/usr/lib/postgresql').sort().map((v) => `/usr/lib/postgresql/${v}/bin`).pop();
  execFileSync(`${bindir}/psql`, [postgres, '-qc', `CREATE DATABASE bench_${tag}`]);
  return postgres.replace(/\/[^/]*$/, `/bench_${tag}`);
}

async function start(databaseUrl) {
  const port = await freePort();
  const env = {
    ...process.env,
    KANTA_DATABASE_URL: databaseUrl,
    KANTA_LISTEN: `127.0.0.1:${port}`,
    KANTA_SCHEDULED_JOBS: 'off',
    RUST_LOG: 'warn',
  };
  // From the repository's root, where the site's files are (target/site).
  const child = spawn(server, ['serve'], { env, cwd: '..', stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) return { child, base };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

/** The cookie header of a session of sandbox test person `person`, with what the pages need. */
async function session(browser, base, person) {
  const context = await logIn(browser, base, person);
  const page = await context.newPage();
  await page.goto(`${base}/applications`);
  const links = await page.locator('#applications a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const css = await page.locator('link[rel=stylesheet]').first().getAttribute('href');
  const cookies = await context.cookies();
  await context.close();
  return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), application: links[0], css };
}

function load(base, path, cookie) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: base + path,
        connections,
        duration: seconds,
        warmup: { connections, duration: 2 },
        headers: { 'accept-encoding': 'br, gzip', ...(cookie ? { cookie } : {}) },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
});
const kinds = postgres ? ['sqlite', 'postgres'] : ['sqlite'];
const results = {}; // kind → volume → page → figures
for (const kind of kinds) {
  results[kind] = {};
  for (const volume of volumes) {
    const url = database(kind, `${kind === 'sqlite' ? 's' : 'p'}${volume.organisations}`);
    const started = Date.now();
    execFileSync(server, ['seed', '--organisations', String(volume.organisations), '--years', '3'], {
      env: { ...process.env, KANTA_DATABASE_URL: url, RUST_LOG: 'warn' },
    });
    const seeded = ((Date.now() - started) / 1000).toFixed(0);
    const { child, base } = await start(url);
    try {
      const applicant = await session(browser, base, 'p01');
      const staff = await session(browser, base, 'p10');
      const pages = [
        ['static file', applicant.css, null],
        ['/ (anonymous)', '/', null],
        ['guide', '/guides/before-you-start', null],
        ['dashboard', '/applications', applicant.cookie],
        ['customer data', '/customer-data', applicant.cookie],
        ['billing', '/billing', applicant.cookie],
        // Every state staff see: a full page at both volumes (the default view holds 12
        // applications at 1 000 rows), so the ratio compares pages of the same length.
        ['staff queue (all states)', '/staff?state=all', staff.cookie],
        ["an application's page", applicant.application, applicant.cookie],
      ];
      const figures = {};
      for (const [name, path, cookie] of pages) {
        // Requests still in flight from the page before finish first.
        await new Promise((r) => setTimeout(r, 2000));
        const r = await load(base, path, cookie);
        figures[name] = { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors };
        const statuses = JSON.stringify(r.statusCodeStats);
        console.error(`${kind}, ${volume.name}: ${name} (${path}) ${r.requests.average} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${statuses}, ${r.errors} errors`);
      }
      results[kind][volume.name] = { figures, seeded };
    } finally {
      child.kill('SIGTERM');
    }
  }
}
await browser.close();
rmSync(work, { recursive: true, force: true });

const large = volumes[1].name;
const small = volumes[0].name;
const out = [
  `Release build, ${connections} connections, ${seconds} s per page after 2 s of warm-up; autocannon on the same 2 cores; ` +
    `${new Date().toISOString().slice(0, 16)}Z. Ratios: requests per second against the static file's; ` +
    `p50 at ${large} against ${small}.`,
  '',
];
for (const kind of kinds) {
  const big = results[kind][large].figures;
  const little = results[kind][small].figures;
  const base = big['static file'].rps;
  out.push(`### ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (seeded in ${results[kind][large].seeded} s)`, '');
  out.push('| page | req/s | vs static | p50 ms | p99 ms | p50 at 1 000 rows | × | errors |', '|---|---|---|---|---|---|---|---|');
  for (const [name, f] of Object.entries(big)) {
    const ratio = little[name].p50 ? (f.p50 / little[name].p50).toFixed(2) : '–';
    out.push(
      `| ${name} | ${f.rps.toFixed(0)} | ${((100 * f.rps) / base).toFixed(0)} % | ${f.p50} | ${f.p99} | ${little[name].p50} | ${ratio} | ${f.bad} |`,
    );
  }
  out.push('');
}
const table = out.join('\n');
console.log(table);
mkdirSync('../target/bench', { recursive: true });
writeFileSync('../target/bench/load.md', table);
