// The guides' pictures of the product (app/src/wizard/screens.rs), taken from the sandbox as a user
// goes through it, in Finnish and Swedish, at a phone's and a desktop's width, on a server and a
// database of their own (the `screens` project), so the same steps give the same screens.
//
// `make guide-images` (KANTA_GUIDE_IMAGES=write) writes each picture as PNG, WebP and AVIF, with
// the marks placed from the named elements' bounding boxes, into app/assets/screens/screens.json.
// In `make test` every screen is taken again and compared with its committed picture: pixels that
// differ beyond anti-aliasing, outside what changes by the day (dates), fail it, naming the picture.
import { test, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import pixelmatch from 'pixelmatch';
import { msg, hydrated, type Lang } from './messages';
import { browserLocale, logIn } from './sandbox';
import { answers, decide, fillApplication, staff, start } from './applying';

const writing = process.env.KANTA_GUIDE_IMAGES === 'write';
const folder = path.resolve(__dirname, '../../app/assets/screens');
const manifestFile = path.join(folder, 'screens.json');

/** The sandbox clinics pictured (testdata o19 and o20): nothing else uses them. */
const clinics = {
  fi: { person: 'Eeva Kuvaaja', businessId: '3141959-2', oid: '1.2.246.10.31419592.10.1', email: 'eeva.kuvaaja@esimerkkiklinikka.example' },
  sv: { person: 'Ebba Exempel', businessId: '3141960-5', oid: '1.2.246.10.31419605.10.1', email: 'ebba.exempel@exempelkliniken.example' },
};

/** The widths pictured, in CSS pixels; `most` bounds a picture's height. */
const widths = {
  phone: { use: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, most: 1100 },
  // The content column of a 1024 px window is shown about three quarters of its size in a guide.
  desktop: { use: { viewport: { width: 1024, height: 800 }, deviceScaleFactor: 1 }, most: 1000 },
};
type Width = keyof typeof widths;

/** A screen: the elements its callouts name, in order, and what changes by the day. */
type Screen = {
  id: string;
  marks: ((page: Page) => Locator)[];
  changing?: ((page: Page) => Locator)[];
  /** On each page before it is pictured, after going to the address. */
  prepare?: (page: Page) => Promise<void>;
};

type Box = { x: number; y: number; width: number; height: number };
type Picture = { file: string; width: number; height: number; scale: number; marks: [number, number][]; changing: [number, number, number, number][] };
type Manifest = Record<string, Record<string, Record<Width, Picture>>>;

/** How much of a long marked element (a list, a timeline) a picture shows, in CSS pixels. */
const SHOWN_OF_LONG = 220;
/** Pixels that may differ in one picture before it counts as changed. Anti-aliased pixels and
 * small colour shifts are not counted (pixelmatch); an unchanged screen differs in none, a letter
 * changed in a heading in about 40 at a desktop's width. */
const TOLERANCE = 4;
/** How far the WebP and AVIF may stray from their PNG: the mean difference of a channel, 0–255.
 * Lossy coding stays near 2; another screen is far above. */
const LOSSY_TOLERANCE = 8;
/** How far (image pixels) a mark may move before its picture counts as changed. */
const MARK_TOLERANCE = 6;

function readManifest(): Manifest {
  return existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {};
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
}

/** Where the callouts' elements and the changing parts are, and the part of the page to picture. */
async function measure(page: Page, screen: Screen, width: Width) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = async (locator: Locator, what: string): Promise<Box> => {
    const found = await locator.first().boundingBox();
    if (!found) throw new Error(`${screen.id} (${width}): ${what} is not on the page`);
    return found;
  };
  const marks = await Promise.all(screen.marks.map((m, i) => box(m(page), `the element of callout ${i + 1}`)));
  const changing: Box[] = [];
  for (const c of screen.changing ?? []) {
    for (const one of await c(page).all()) {
      const found = await one.boundingBox();
      if (found) changing.push(found);
    }
  }
  // The marked elements with a margin (a long one's beginning, to the end of a row or line that
  // fits), as wide as the page's content column.
  const content = await box(page.locator('main > .page'), 'the content column');
  const top = Math.max(0, Math.min(...marks.map((b) => b.y)) - 16);
  const ends = await Promise.all(screen.marks.map((m) => m(page).first().evaluate((element, most) => {
    const whole = element.getBoundingClientRect();
    if (whole.height <= most) return whole.bottom;
    const parts = [...element.querySelectorAll('li, tr, p, dt, dd, h2, h3, .field, .check-answers__row')]
      .map((part) => part.getBoundingClientRect().bottom)
      .filter((bottom) => bottom <= whole.top + most);
    return parts.length ? Math.max(...parts) : whole.top + most;
  }, SHOWN_OF_LONG)));
  const bottom = Math.max(...ends) + 16;
  if (bottom - top > widths[width].most) {
    throw new Error(`${screen.id} (${width}): the callouts' elements span ${Math.round(bottom - top)} px, more than ${widths[width].most}`);
  }
  const x = Math.max(0, content.x - 8);
  const clip = { x, y: top, width: Math.min(page.viewportSize()!.width - x, content.width + 16), height: bottom - top };
  return { marks, changing, clip };
}

/** The picture of `screen` on `page`: the PNG and where its marks and changing parts are. */
async function picture(page: Page, screen: Screen, width: Width, lang: Lang) {
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  const { marks, changing, clip } = await measure(page, screen, width);
  const scale = widths[width].use.deviceScaleFactor;
  const inImage = (n: number, from: number) => Math.round((n - from) * scale);
  const png = await page.screenshot({ fullPage: true, clip, animations: 'disabled', caret: 'hide' });
  const { width: w, height: h } = await sharp(png).metadata();
  return {
    png,
    width: w!,
    height: h!,
    scale,
    // At the element's left edge, level with its first line.
    marks: marks.map((b) => [
      Math.max(Math.round(14 * scale), inImage(b.x, clip.x)),
      inImage(b.y + Math.min(b.height / 2, 14), clip.y),
    ] as [number, number]),
    changing: changing.map((b) => [inImage(b.x, clip.x), inImage(b.y, clip.y), Math.ceil(b.width * scale), Math.ceil(b.height * scale)] as [number, number, number, number]),
    name: `${screen.id}.${lang}.${width}`,
  };
}

async function write(shot: Awaited<ReturnType<typeof picture>>, screen: Screen, lang: Lang, width: Width) {
  mkdirSync(folder, { recursive: true });
  const png = await sharp(shot.png).png({ compressionLevel: 9, effort: 10 }).toBuffer();
  const file = `${shot.name}.${createHash('sha256').update(png).digest('hex').slice(0, 10)}`;
  for (const old of readdirSync(folder).filter((f) => f.startsWith(`${shot.name}.`))) unlinkSync(path.join(folder, old));
  writeFileSync(path.join(folder, `${file}.png`), png);
  await sharp(png).webp({ quality: 70, effort: 6 }).toFile(path.join(folder, `${file}.webp`));
  await sharp(png).avif({ quality: 40, effort: 6 }).toFile(path.join(folder, `${file}.avif`));
  const manifest = readManifest();
  ((manifest[screen.id] ??= {})[lang] ??= {} as Record<Width, Picture>)[width] = {
    file, width: shot.width, height: shot.height, scale: shot.scale, marks: shot.marks, changing: shot.changing,
  };
  writeFileSync(manifestFile, `${JSON.stringify(sorted(manifest), null, 1)}\n`);
}

/** Blanks the parts that change by the day in an RGBA image. */
function blank(rgba: Buffer, width: number, height: number, boxes: [number, number, number, number][]) {
  for (const [x, y, w, h] of boxes) {
    for (let row = Math.max(0, y); row < Math.min(height, y + h); row++) {
      for (let column = Math.max(0, x); column < Math.min(width, x + w); column++) {
        rgba.fill(0, (row * width + column) * 4, (row * width + column) * 4 + 4);
      }
    }
  }
}

async function compare(shot: Awaited<ReturnType<typeof picture>>, screen: Screen, lang: Lang, width: Width) {
  const committed = readManifest()[screen.id]?.[lang]?.[width];
  expect(committed, `no picture of ${shot.name}: run make guide-images`).toBeTruthy();
  const png = readFileSync(path.join(folder, `${committed.file}.png`));
  // The name carries the PNG's hash, so the WebP and AVIF beside it were made from it.
  expect(committed.file.endsWith(createHash('sha256').update(png).digest('hex').slice(0, 10)), `${committed.file}.png was changed by hand`).toBe(true);
  const raw = async (image: Buffer | string) => (await sharp(image).ensureAlpha().raw().toBuffer());
  const before = await raw(png);
  // What browsers show is the WebP or AVIF: made from this PNG, not edited apart from it.
  for (const format of ['webp', 'avif']) {
    const lossy = await raw(path.join(folder, `${committed.file}.${format}`));
    expect(lossy.length, `${committed.file}.${format} is not the PNG's size`).toBe(before.length);
    let sum = 0;
    for (let i = 0; i < before.length; i++) sum += Math.abs(before[i] - lossy[i]);
    expect(sum / before.length, `${committed.file}.${format} strays from its PNG`).toBeLessThanOrEqual(LOSSY_TOLERANCE);
  }
  expect([shot.width, shot.height], `${shot.name} changed size: run make guide-images`).toEqual([committed.width, committed.height]);
  expect(shot.marks.length, `${shot.name}: callouts added or taken away: run make guide-images`).toBe(committed.marks.length);
  // The parts left out are today's dates where the committed picture had its own, nothing more.
  expect(shot.changing.length, `${shot.name}: what changes by the day moved: run make guide-images`).toBe(committed.changing.length);
  committed.changing.forEach(([x, y, w, h], i) => {
    const [nx, ny, nw, nh] = shot.changing[i];
    const near = Math.abs(x - nx) <= MARK_TOLERANCE && Math.abs(y - ny) <= MARK_TOLERANCE && Math.abs(w - nw) <= 40 && Math.abs(h - nh) <= MARK_TOLERANCE;
    expect(near, `${shot.name}: what changes by the day moved: run make guide-images`).toBe(true);
  });
  shot.marks.forEach(([x, y], i) => {
    const [cx, cy] = committed.marks[i] ?? [-1e6, -1e6];
    expect(Math.hypot(x - cx, y - cy), `${shot.name}: the element of callout ${i + 1} moved: run make guide-images`).toBeLessThanOrEqual(MARK_TOLERANCE);
  });
  const now = await raw(shot.png);
  for (const image of [before, now]) blank(image, shot.width, shot.height, [...committed.changing, ...shot.changing]);
  const diff = Buffer.alloc(before.length);
  const differing = pixelmatch(before, now, diff, shot.width, shot.height, { threshold: 0.1 });
  if (differing > TOLERANCE) {
    const out = test.info().outputPath(`${shot.name}.png`);
    writeFileSync(out, shot.png);
    await sharp(diff, { raw: { width: shot.width, height: shot.height, channels: 4 } }).png().toFile(test.info().outputPath(`${shot.name}.diff.png`));
  }
  expect(differing, `${shot.name} differs from its picture in ${differing} pixels (see test-results): run make guide-images`).toBeLessThanOrEqual(TOLERANCE);
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
  }
}

async function loggedIn(browser: Browser, lang: Lang, width: Width, person: string): Promise<Page> {
  const context = await browser.newContext({ ...widths[width].use, locale: browserLocale[lang] });
  const page = await context.newPage();
  await logIn(page, lang, { listed: person });
  return page;
}

test.describe.configure({ mode: 'default' });

for (const lang of ['fi', 'sv'] as Lang[]) {
  test(`the guides' pictures of the product in ${lang}`, async ({ browser }) => {
    test.setTimeout(300_000);
    const clinic = clinics[lang];
    const pages = { phone: await loggedIn(browser, lang, 'phone', clinic.person), desktop: await loggedIn(browser, lang, 'desktop', clinic.person) };
    const desktop = pages.desktop;
    const a = answers(clinic.oid, clinic.email, lang);

    const id = await start(desktop, lang, 'service-patient-data');
    await take(pages, lang, `/applications/${id}?step=unit`, {
      id: 'wizard-step',
      marks: [(p) => p.locator('.wizard__progress'), (p) => p.locator('#wizard-unit_oid'), (p) => p.locator('.wizard form button[type=submit]').last()],
      prepare: async (p) => {
        await p.locator('#wizard-unit_name').fill(a.unit_name);
        await p.locator('#wizard-unit_oid').fill(a.unit_oid);
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
      changing: [(p) => p.locator('#applications tbody td:nth-child(3)')],
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
      marks: [(p) => p.locator('#timeline'), (p) => p.locator('#timeline .badge').last()],
      changing: [(p) => p.locator('.timeline__when')],
    });

    await decide(browser, lang, id, 'record-test-result', { comment: 'OK' });
    await decide(browser, lang, id, 'approve', { date: '2099-03-01' });
    await decide(browser, lang, id, 'go-live');
    await take(pages, lang, '/customer-data', {
      id: 'customer-data',
      marks: [(p) => p.locator('#contacts li.item'), (p) => p.locator('#contacts li.item details summary')],
      changing: [(p) => p.locator('#contacts li.item p.hint')],
    });
    await take(pages, lang, '/customer-data', {
      id: 'service-unit',
      marks: [(p) => p.locator('.field:has(#technical-kind)'), (p) => p.locator('.field:has(#technical-takes-effect)'), (p) => p.locator('#technical-submit')],
      changing: [(p) => p.locator('#technical-takes-effect')],
      prepare: async (p) => {
        await p.locator('#add-technical summary').click();
        await p.locator('#technical-kind').selectOption('unit');
      },
    });
    await take(pages, lang, '/customer-data', {
      id: 'confirm',
      marks: [(p) => p.locator('#confirmed-at'), (p) => p.locator('#confirm-data')],
      changing: [(p) => p.locator('#confirmed-at')],
    });

    {
      const desk = await (await browser.newContext({ locale: browserLocale[lang] })).newPage();
      await logIn(desk, lang, { listed: staff });
      await desk.goto('/staff/billing');
      const rows = [
        'invoice_number;business_id;service;period;issued_on;due_on;description;quantity;unit_price',
        `GUIDE-${lang}-1;${clinic.businessId};patient-data;2026;2027-02-15;2027-03-15;${lang === 'fi' ? 'Vuosimaksu' : 'Årsavgift'} 2026;1;90`,
        `GUIDE-${lang}-2;${clinic.businessId};eprescription;2026;2027-02-15;2027-03-15;${lang === 'fi' ? 'Reseptit' : 'Recept'};12345;0,053`,
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
  });
}
