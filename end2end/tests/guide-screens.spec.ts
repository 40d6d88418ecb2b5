// The guides' pictures of the product (app/src/wizard/screens.rs), taken from the sandbox as a user
// goes through it, in Finnish and Swedish, at a phone's and a desktop's width, on a server and a
// database of their own (the `screens` project), so the same steps give the same screens.
//
// `make guide-images` (KANTA_GUIDE_IMAGES=write) writes each picture as WebP and PNG, with
// the marks placed from the named elements' bounding boxes, into app/assets/screens/screens.json.
// In `make test` every screen is taken again and compared with its committed picture: pixels that
// differ beyond anti-aliasing fail it, naming every picture that changed. Dates that follow the day
// the pictures are taken (today, three weeks ahead) are shown as of one sample day, so the pictures
// do not change with the calendar (`pinDates`). The browser speaks the picture's language (its own
// date fields too), and the text is DejaVu Sans whatever the machine's system font.
import { test, expect, chromium, type Browser, type LaunchOptions, type Locator, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import pixelmatch from 'pixelmatch';
import { msg, hydrated, type Lang } from './messages';
import { browserLocale, logIn } from './sandbox';
import { sidewaysOverflow } from './device';
import { answers, decide, fillApplication, staff, start } from './applying';

const writing = process.env.KANTA_GUIDE_IMAGES === 'write';
const folder = path.resolve(__dirname, '../../app/assets/screens');
const manifestFile = path.join(folder, 'screens.json');

/** The sandbox clinics pictured (testdata o19 and o20), on a database of their own (guide.spec.ts
 * logs in as them on the main one, for "show me this page"). Every person in
 * the pictures is one of the sandbox's test persons (testdata/persons.csv: p23 to p28); their
 * addresses are under `.example`, and their numbers are made up for the pictures. */
const clinics = {
  fi: {
    person: 'Eeva Kuvaaja', businessId: '3141959-2', oid: '1.2.246.10.31419592.10.1',
    admin: { name: 'Eeva Kuvaaja', email: 'eeva.kuvaaja@esimerkkiklinikka.example', phone: '040 000 1231' },
    technical: { name: 'Teemu Testinen', email: 'teemu.testinen@esimerkkiklinikka.example', phone: '050 000 1232' },
    archivist: { name: 'Arja Arkistonen', email: 'arja.arkistonen@esimerkkiklinikka.example', phone: '040 000 1233' },
  },
  sv: {
    person: 'Ebba Exempel', businessId: '3141960-5', oid: '1.2.246.10.31419605.10.1',
    admin: { name: 'Ebba Exempel', email: 'ebba.exempel@exempelkliniken.example', phone: '040 000 1241' },
    technical: { name: 'Tove Testsson', email: 'tove.testsson@exempelkliniken.example', phone: '050 000 1242' },
    archivist: { name: 'Arvid Arkivsson', email: 'arvid.arkivsson@exempelkliniken.example', phone: '040 000 1243' },
  },
};

/** The sandbox's test persons, as "given surname". */
const testPersons = readFileSync(path.resolve(__dirname, '../../server/src/sandbox/testdata/persons.csv'), 'utf8')
  .split('\n').slice(1).filter(Boolean).map((line) => line.split(',').slice(1, 3).join(' '));

/** The clinic's answers to the application, its contacts as the pictures show them. */
function clinicAnswers(lang: Lang) {
  const clinic = clinics[lang];
  const a = answers(clinic.oid, clinic.admin.email, lang);
  for (const role of ['admin', 'technical', 'archivist'] as const) {
    const contact = clinic[role];
    expect(testPersons, `${contact.name} is not a test person of the sandbox`).toContain(contact.name);
    Object.assign(a, { [`${role}_name`]: contact.name, [`${role}_email`]: contact.email, [`${role}_phone`]: contact.phone });
  }
  return a;
}

/** Glyphs placed on whole pixels, hinted, at every device scale. Chromium on Linux otherwise
 * places them at fractions of a pixel, unhinted, where the scale is above 1; a phone page could
 * keep a font's settings from before its emulated scale applied, depending on the machine's load,
 * and differ from its own picture in up to 190 pixels. */
const FONT_RENDERING = ['--disable-font-subpixel-positioning'];

/** A browser that speaks `lang`: its own controls (a date field's format and placeholder) too. */
async function browserIn(lang: Lang, options: LaunchOptions): Promise<Browser> {
  return chromium.launch({ ...options, args: [...(options.args ?? []), `--lang=${lang}`, ...FONT_RENDERING], env: { ...process.env, LANGUAGE: lang } });
}

/** The font the pictures are taken in: the sandbox's Chromium shows system-ui as DejaVu Sans
 * (Debian's fonts-dejavu-core, installed by .ci/setup.sh); named, so another system font does not
 * change them. */
const PICTURED_FONT = '"DejaVu Sans", sans-serif';

/** The widths pictured, in CSS pixels; `most` bounds a picture's height. */
const widths = {
  phone: { use: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, most: 1100 },
  // The content column of a 1024 px window is shown about three quarters of its size in a guide.
  desktop: { use: { viewport: { width: 1024, height: 800 }, deviceScaleFactor: 1 }, most: 1000 },
};
type Width = keyof typeof widths;

/** The element a callout names. Its mark sits left of it, or right of it (`after`) where text
 * leads up to it on its line. */
type Mark = ((page: Page) => Locator) | { after: (page: Page) => Locator };
const locate = (mark: Mark) => (typeof mark === 'function' ? mark : mark.after);

/** A screen: the elements its callouts name, in order. */
type Screen = {
  id: string;
  marks: Mark[];
  /** On each page before it is pictured, after going to the address. */
  prepare?: (page: Page) => Promise<void>;
};

type Box = { x: number; y: number; width: number; height: number };
type Picture = { file: string; width: number; height: number; scale: number; marks: [number, number][] };
type Manifest = Record<string, Record<string, Record<Width, Picture>>>;

/** A mark's radius in CSS pixels, as the guide draws it (components/wizard/screen.rs). */
const MARK_RADIUS = 12;
/** Between a mark's edge and its element, in CSS pixels. */
const MARK_GAP = 3;
/** The margin added left of each picture (CSS pixels), so that a mark beside an element at the
 * picture's edge does not cover its first letters. */
const GUTTER = 24;
/** How much of a long marked element (a list, a timeline) a picture shows, in CSS pixels. */
const SHOWN_OF_LONG = 220;
/** Pixels that may differ in one picture before it counts as changed. Anti-aliased pixels and
 * small colour shifts are not counted (pixelmatch); an unchanged screen differs in none, a letter
 * changed in a heading in about 40 at a desktop's width. */
const TOLERANCE = 4;
/** How far the PNG fallback may stray from its WebP: the mean difference of a channel, 0–255, in
 * the worst 32×32 tile. Its 16 colours stay well below; a word changed in a tile is above. */
const FALLBACK_TOLERANCE = 24;
/** How far (image pixels) a mark may move before its picture counts as changed. */
const MARK_TOLERANCE = 6;

function readManifest(): Manifest {
  return existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {};
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
}

/** Where the callouts' elements are, and the part of the page to picture. */
async function measure(page: Page, screen: Screen, width: Width) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = async (locator: Locator, what: string): Promise<Box> => {
    const found = await locator.first().boundingBox();
    if (!found) throw new Error(`${screen.id} (${width}): ${what} is not on the page`);
    return found;
  };
  const marks = await Promise.all(screen.marks.map((m, i) => box(locate(m)(page), `the element of callout ${i + 1}`)));
  // The marked elements with a margin (a long one's beginning, to the end of a row or line that
  // fits), as wide as the page's content column.
  const content = await box(page.locator('main > .page'), 'the content column');
  const top = Math.max(0, Math.min(...marks.map((b) => b.y)) - 16);
  const ends = await Promise.all(screen.marks.map((m) => locate(m)(page).first().evaluate((element, most) => {
    const whole = element.getBoundingClientRect();
    if (whole.height <= most) return whole.bottom + 16;
    // Whole rows only (an item, a table row, a field), with as much of the gap after as is free.
    const rows = [...element.querySelectorAll(':scope > *, :scope > tbody > tr')]
      .map((row) => row.getBoundingClientRect())
      .filter((box) => box.height > 0);
    const shown = rows.filter((box) => box.bottom <= whole.top + most);
    if (shown.length === 0) return whole.top + most;
    const last = shown[shown.length - 1];
    const next = rows[shown.length];
    return last.bottom + Math.min(16, next ? Math.max(0, next.top - last.bottom - 1) : 16);
  }, SHOWN_OF_LONG)));
  // A line of text, a field or a button the edge would cut is taken whole (or left out if large).
  // Never above a mark's circle (12 CSS pixels round its centre).
  const lowest = Math.max(...marks.map((b) => b.y + Math.min(b.height / 2, 14) + 16));
  const bottom = await page.evaluate(([edge, lowest]) => {
    // Shown at the edge: not scrolled out of a box that clips it.
    const shown = (element: Element) => {
      for (let up = element.parentElement; up; up = up.parentElement) {
        if (getComputedStyle(up).overflowY !== 'visible' && up.getBoundingClientRect().bottom < edge) return false;
      }
      return true;
    };
    const cut = [...document.querySelectorAll('main *')].filter((element) => {
      const own = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      const box = element.getBoundingClientRect();
      return (own || element.matches('input, select, button, textarea')) && box.top < edge && box.bottom > edge && shown(element);
    }).map((element) => element.getBoundingClientRect());
    if (cut.length === 0) return edge;
    const whole = Math.max(...cut.map((box) => box.bottom)) + 8;
    const above = Math.min(...cut.map((box) => box.top)) - 2;
    return whole - edge <= 80 || above < lowest ? whole : above;
  }, [Math.max(Math.max(...ends), lowest), lowest]);
  if (bottom - top > widths[width].most) {
    throw new Error(`${screen.id} (${width}): the callouts' elements span ${Math.round(bottom - top)} px, more than ${widths[width].most}`);
  }
  // On whole CSS pixels: an edge between two changes with the smallest shift of the layout.
  const x = Math.max(0, Math.round(content.x - 8));
  const y = Math.round(top);
  const clip = { x, y, width: Math.min(page.viewportSize()!.width - x, Math.round(content.width + 16)), height: Math.round(bottom) - y };
  return { marks, clip };
}

/** Where a mark's centre is across the page (CSS pixels): left of its element (in the gutter for
 * an element at the picture's edge), or right of it after text. */
const beside = (b: Box, mark: Mark) =>
  typeof mark === 'function' ? b.x - MARK_GAP - MARK_RADIUS : b.x + b.width + MARK_GAP + MARK_RADIUS;

/** The picture of `screen` on `page`: the PNG and where its marks are. */
async function picture(page: Page, screen: Screen, width: Width, lang: Lang) {
  // Settled: nothing still loading that could change the layout.
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate((font) => document.body.style.setProperty('font-family', font), PICTURED_FONT);
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  await pinDates(page);
  // As a reader sees it: no wider than the window.
  expect.soft(await sidewaysOverflow(page), `${screen.id} (${lang}, ${width}) scrolls sideways`).toBeLessThanOrEqual(0);
  const { marks, clip } = await measure(page, screen, width);
  const scale = widths[width].use.deviceScaleFactor;
  const inImage = (n: number, from: number) => Math.round((n - from) * scale);
  const screenshot = await page.screenshot({ fullPage: true, clip, animations: 'disabled', caret: 'hide' });
  // The gutter in the colour of the page's edge.
  const { data: edge } = await sharp(screenshot).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
  const png = await sharp(screenshot)
    .extend({ left: GUTTER * scale, background: { r: edge[0], g: edge[1], b: edge[2] } })
    .png()
    .toBuffer();
  const { width: w, height: h } = await sharp(png).metadata();
  return {
    png,
    width: w!,
    height: h!,
    scale,
    // Beside the element, level with its first line, and whole on the picture.
    marks: marks.map((b, i) => [
      Math.round(Math.min(Math.max(beside(b, screen.marks[i]) - clip.x + GUTTER, MARK_RADIUS + 2), w! / scale - MARK_RADIUS - 2) * scale),
      inImage(b.y + Math.min(b.height / 2, 14), clip.y),
    ] as [number, number]),
    name: `${screen.id}.${lang}.${width}`,
  };
}

/** A screenshot as the guides show it: its colours reduced to a palette of 256 (libimagequant,
 * through sharp), which keeps text crisp. Deterministic, so a screen taken again is reduced the
 * same way before it is compared. Kept as lossless WebP: smaller than lossy WebP or AVIF at any
 * quality that leaves text without haloes. */
function reduced(png: Buffer): Promise<Buffer> {
  return sharp(png).png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 }).toBuffer();
}

const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 10);

async function write(shot: Awaited<ReturnType<typeof picture>>, screen: Screen, lang: Lang, width: Width) {
  mkdirSync(folder, { recursive: true });
  const webp = await sharp(await reduced(shot.png)).webp({ lossless: true, effort: 6 }).toBuffer();
  const file = `${shot.name}.${hashOf(webp)}`;
  for (const old of readdirSync(folder).filter((f) => f.startsWith(`${shot.name}.`))) unlinkSync(path.join(folder, old));
  writeFileSync(path.join(folder, `${file}.webp`), webp);
  // For a browser without WebP: 16 colours, so a guide's phone pictures stay within their budget.
  await sharp(shot.png).png({ colours: 16, effort: 10, compressionLevel: 9 }).toFile(path.join(folder, `${file}.png`));
  const manifest = readManifest();
  ((manifest[screen.id] ??= {})[lang] ??= {} as Record<Width, Picture>)[width] = {
    file, width: shot.width, height: shot.height, scale: shot.scale, marks: shot.marks,
  };
  writeFileSync(manifestFile, `${JSON.stringify(sorted(manifest), null, 1)}\n`);
}

/** The day the pictures show. */
const SAMPLE_DAY = '2026-12-01';

/** Shows dates near today (today's, three weeks ahead) as if today were `SAMPLE_DAY`, and times of
 * day as 9.30: in the page's text and date fields, before it is pictured. The pictured invoices
 * are dated from today too. Dates further off (a certificate's, a go-live date) stay. */
async function pinDates(page: Page) {
  await page.evaluate((sample) => {
    const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
    const today = Date.parse(`${new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date())}T00:00:00Z`);
    const shift = Date.parse(`${sample}T00:00:00Z`) - today;
    const near = (t: number) => Math.abs(t - today) <= 60 * 86_400_000;
    const moved = (t: number) => new Date(t + shift);
    const finnish = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const pinned = text
        .replace(finnish, (all, d, m, y) => {
          const t = day(Number(y), Number(m), Number(d));
          if (!near(t)) return all;
          const to = moved(t);
          return `${to.getUTCDate()}.${to.getUTCMonth() + 1}.${to.getUTCFullYear()}`;
        })
        .replace(/\bklo \d{1,2}\.\d{2}\b/g, 'klo 9.30')
        .replace(/\bkl\. \d{2}\.\d{2}\b/g, 'kl. 09.30');
      if (pinned !== text) node.textContent = pinned;
    }
    for (const input of document.querySelectorAll<HTMLInputElement>('input[type=date]')) {
      const t = Date.parse(`${input.value}T00:00:00Z`);
      if (input.value && near(t)) input.value = moved(t).toISOString().slice(0, 10);
    }
  }, SAMPLE_DAY);
}

/** The largest mean difference of a channel (0–255) over any 32×32 tile of two RGBA images. */
function worstTile(a: Buffer, b: Buffer, width: number, height: number): number {
  let worst = 0;
  for (let ty = 0; ty < height; ty += 32) {
    for (let tx = 0; tx < width; tx += 32) {
      let sum = 0;
      let count = 0;
      for (let y = ty; y < Math.min(height, ty + 32); y++) {
        for (let x = tx; x < Math.min(width, tx + 32); x++) {
          const i = (y * width + x) * 4;
          sum += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
          count += 3;
        }
      }
      worst = Math.max(worst, sum / count);
    }
  }
  return worst;
}

/** Where a screen taken again may lie against its picture, in image pixels: text is laid out at
 * fractions of a pixel, and the same screen can come out a pixel off. */
const SHIFTS = [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => [dx, dy]));

/** An RGBA image moved by (dx, dy), its edge repeated into the gap. */
function shifted(image: Buffer, width: number, height: number, dx: number, dy: number): Buffer {
  if (dx === 0 && dy === 0) return image;
  const out = Buffer.alloc(image.length);
  const row = width * 4;
  for (let y = 0; y < height; y++) {
    const from = Math.min(height - 1, Math.max(0, y - dy)) * row;
    const to = y * row;
    // The row moved by dx, its first or last pixel repeated into the gap.
    image.copy(out, to + Math.max(0, dx) * 4, from + Math.max(0, -dx) * 4, from + row - Math.max(0, dx) * 4);
    if (dx > 0) image.copy(out, to, from, from + 4);
    if (dx < 0) image.copy(out, to + row - 4, from + row - 4, from + row);
  }
  return out;
}

/** Compares the screen with its committed picture. Softly: every changed picture is named, not
 * only the first. */
async function compare(shot: Awaited<ReturnType<typeof picture>>, screen: Screen, lang: Lang, width: Width) {
  const committed = readManifest()[screen.id]?.[lang]?.[width];
  expect.soft(committed, `no picture of ${shot.name}: run make guide-images`).toBeTruthy();
  if (!committed) return;
  const webp = readFileSync(path.join(folder, `${committed.file}.webp`));
  // The name carries the WebP's hash: a picture changed by hand no longer matches it.
  expect.soft(committed.file.endsWith(hashOf(webp)), `${committed.file}.webp was changed by hand`).toBe(true);
  const raw = async (image: Buffer | string) => (await sharp(image).ensureAlpha().raw().toBuffer());
  const before = await raw(webp);
  // The PNG fallback shows the same screen, not one edited apart from it.
  const png = await raw(path.join(folder, `${committed.file}.png`));
  expect.soft(png.length, `${committed.file}.png is not the WebP's size`).toBe(before.length);
  const worst = worstTile(before, png, committed.width, committed.height);
  expect.soft(worst, `${committed.file}.png strays from its WebP`).toBeLessThanOrEqual(FALLBACK_TOLERANCE);
  if (shot.width !== committed.width || shot.height !== committed.height) writeFileSync(test.info().outputPath(`${shot.name}.png`), shot.png);
  expect.soft([shot.width, shot.height], `${shot.name} changed size: run make guide-images`).toEqual([committed.width, committed.height]);
  if (shot.width !== committed.width || shot.height !== committed.height) return;
  expect.soft(shot.marks.length, `${shot.name}: callouts added or taken away: run make guide-images`).toBe(committed.marks.length);
  shot.marks.forEach(([x, y], i) => {
    const [cx, cy] = committed.marks[i] ?? [-1e6, -1e6];
    expect.soft(Math.hypot(x - cx, y - cy), `${shot.name}: the element of callout ${i + 1} moved: run make guide-images`).toBeLessThanOrEqual(MARK_TOLERANCE);
  });
  const now = await raw(await reduced(shot.png));
  const match = ([dx, dy]: number[], diff: Buffer | null = null) =>
    pixelmatch(before, shifted(now, shot.width, shot.height, dx, dy), diff, shot.width, shot.height, { threshold: 0.1 });
  // Unmoved first; the shifts only when that differs.
  const counts = [match([0, 0])];
  if (counts[0] > TOLERANCE) counts.push(...SHIFTS.map((shift) => match(shift)));
  const differing = Math.min(...counts);
  if (differing > TOLERANCE) {
    const out = test.info().outputPath(`${shot.name}.png`);
    writeFileSync(out, shot.png);
    const diff = Buffer.alloc(before.length);
    match(counts.indexOf(differing) === 0 ? [0, 0] : SHIFTS[counts.indexOf(differing) - 1], diff);
    await sharp(diff, { raw: { width: shot.width, height: shot.height, channels: 4 } }).png().toFile(test.info().outputPath(`${shot.name}.diff.png`));
  }
  expect.soft(differing, `${shot.name} differs from its picture in ${differing} pixels (see test-results): run make guide-images`).toBeLessThanOrEqual(TOLERANCE);
}

/** Pictures `screen` on every width's page, after going to `address` there. */
async function take(pages: Record<Width, Page>, lang: Lang, address: string | null, screen: Screen) {
  for (const width of Object.keys(pages) as Width[]) {
    const page = pages[width];
    if (address !== null) {
      await page.goto(address);
      await hydrated(page);
    }
    await screen.prepare?.(page);
    const shot = await picture(page, screen, width, lang);
    await (writing ? write(shot, screen, lang, width) : compare(shot, screen, lang, width));
    taken.add(shot.name);
  }
}

/** The pictures taken in this run, by name (`<screen>.<lang>.<width>`). */
const taken = new Set<string>();

async function loggedIn(browser: Browser, lang: Lang, width: Width, person: string): Promise<Page> {
  const context = await browser.newContext({ ...widths[width].use, locale: browserLocale[lang] });
  const page = await context.newPage();
  await logIn(page, lang, { listed: person });
  return page;
}

test.describe.configure({ mode: 'default' });

for (const lang of ['fi', 'sv'] as Lang[]) {
  test(`the guides' pictures of the product in ${lang}`, async ({ launchOptions }) => {
    test.setTimeout(300_000);
    const clinic = clinics[lang];
    const browser = await browserIn(lang, launchOptions);
    try {
      const pages = { phone: await loggedIn(browser, lang, 'phone', clinic.person), desktop: await loggedIn(browser, lang, 'desktop', clinic.person) };
      const desktop = pages.desktop;
      const a = clinicAnswers(lang);

      const id = await start(desktop, lang, 'service-patient-data');
      await take(pages, lang, `/applications/${id}?step=unit`, {
        id: 'wizard-step',
        marks: [(p) => p.locator('.wizard__progress'), (p) => p.locator('#wizard-unit_oid'), (p) => p.locator('.wizard form button[type=submit]').last()],
        prepare: async (p) => {
          await p.locator('#wizard-unit_name').fill(a.unit_name);
          await p.locator('#wizard-unit_oid').fill(a.unit_oid);
          // Typing wakes the wizard's island; pictured once it runs, as a reader sees it.
          await expect(p.locator('leptos-island[data-hydrated]')).toHaveCount(1);
        },
      });

      await desktop.goto(`/applications/${id}`);
      await hydrated(desktop);
      await fillApplication(desktop, lang, a);
      await take(pages, lang, `/applications/${id}?step=check`, {
        id: 'check-answers',
        marks: [
          (p) => p.locator('#check-answers'),
          (p) => p.locator('#check-answers a'),
        ],
      });

      // With an application under way: its task is on the list, and other services can be started.
      await take(pages, lang, '/applications', {
        id: 'dashboard',
        marks: [
          (p) => p.locator('section:has(#tasks)'),
          (p) => p.locator('form:has(#start-application) .checkbox'),
          (p) => p.locator('#start-application'),
        ],
      });

      await take(pages, lang, `/applications/${id}`, {
        id: 'signing',
        marks: [(p) => p.locator('#agreement-text'), (p) => p.locator('#sign-agreement')],
      });

      await desktop.goto(`/applications/${id}`);
      await desktop.locator('#sign-agreement').click();
      await desktop.getByRole('button', { name: msg(lang, 'application-command-submit') }).click();
      await expect(desktop.locator('.lead .badge')).toHaveText(msg(lang, 'application-state-submitted'));
      await decide(browser, lang, id, 'start-joint-testing');
      await take(pages, lang, `/applications/${id}`, {
        id: 'timeline',
        marks: [(p) => p.locator('#timeline'), { after: (p) => p.locator('#timeline .badge').last() }],
      });

      await decide(browser, lang, id, 'record-test-result', { comment: 'OK' });
      await decide(browser, lang, id, 'approve', { date: '2099-03-01' });
      await decide(browser, lang, id, 'go-live');
      await take(pages, lang, '/customer-data', {
        id: 'customer-data',
        // A contact's name with its role, and where its details are changed.
        marks: [(p) => p.locator('#contacts li.item h3'), (p) => p.locator('#contacts li.item details summary')],
      });
      await take(pages, lang, '/customer-data', {
        id: 'service-unit',
        marks: [(p) => p.locator('.field:has(#technical-kind)'), (p) => p.locator('.field:has(#technical-takes-effect)'), (p) => p.locator('#technical-submit')],
        prepare: async (p) => {
          await p.locator('#add-technical summary').click();
          await p.locator('#technical-kind').selectOption('unit');
        },
      });
      await take(pages, lang, '/customer-data', {
        id: 'confirm',
        marks: [(p) => p.locator('#confirmed-at'), (p) => p.locator('#confirm-data')],
      });

      {
        const desk = await (await browser.newContext({ locale: browserLocale[lang] })).newPage();
        await logIn(desk, lang, { listed: staff });
        await desk.goto('/staff/billing');
        // Issued 14 and due 44 days ahead: shown as of the sample day, as their period is.
        const [issued, due] = [14, 44].map(daysAhead);
        const rows = [
          'invoice_number;business_id;service;period;issued_on;due_on;description;quantity;unit_price',
          `GUIDE-${lang}-1;${clinic.businessId};patient-data;2026;${issued};${due};${lang === 'fi' ? 'Vuosimaksu' : 'Årsavgift'} 2026;1;90`,
          `GUIDE-${lang}-2;${clinic.businessId};eprescription;2026;${issued};${due};${lang === 'fi' ? 'Reseptit' : 'Recept'};12345;0,053`,
        ];
        await desk.getByLabel(msg(lang, 'import-file')).setInputFiles({ name: 'invoices.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
        await desk.locator('#import-submit').click();
        await expect(desk.locator('#imported')).toBeVisible();
        await desk.context().close();
      }
      await take(pages, lang, '/billing', {
        id: 'billing',
        marks: [(p) => p.locator('section:has(#billing-totals)'), (p) => p.locator('section:has(#invoices)')],
      });
      if (!writing) {
        // Every committed picture was taken again: none is left unchecked.
        const committed = Object.entries(readManifest())
          .flatMap(([id, langs]) => Object.keys(langs[lang] ?? {}).map((width) => `${id}.${lang}.${width}`));
        expect(committed.filter((name) => !taken.has(name)), 'pictures no screen of this test takes').toEqual([]);
      }
    } finally {
      await browser.close();
    }
  });
}

/** The day `days` from today in Finland, as ISO 8601. */
function daysAhead(days: number): string {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
