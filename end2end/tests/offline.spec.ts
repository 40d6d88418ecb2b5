import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { msg, hydrated, type Lang } from './messages';
import { browserLocale } from './sandbox';
import { storedDraft } from './device';
import { pictureLoaded, screenSteps } from './screens';

/** Waits until the service worker controls the page: by then it has stored this build and the guides. */
async function controlledByWorker(page: Page) {
  // Installing stores the whole build and every guide: slower than one expectation on a loaded machine.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
}

/** The worker itself cannot reach the server either, so whatever the page shows came from the device. */
async function workerIsOffline(context: BrowserContext) {
  const [worker] = context.serviceWorkers();
  expect(await worker.evaluate(() => fetch('/healthz').then(() => 'online', () => 'offline'))).toBe('offline');
}

/** Opens `path` once online, then cuts the network of the page and of the worker. */
async function openThenGoOffline(page: Page, context: BrowserContext, path: string) {
  await page.goto(path);
  await hydrated(page);
  await controlledByWorker(page);
  await context.setOffline(true);
  await workerIsOffline(context);
}

// A browser keeps a file a year only when its name holds the hash of its content, so a deploy can
// never have it run the last build's script with this build's page; the worker stores them all.
test('the build\'s files are kept a year only under a name that holds their content\'s hash, and all stored by the worker', async ({ page, request }) => {
  const loaded: string[] = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/pkg/') || path.startsWith('/i18n/')) loaded.push(path);
  });
  await page.goto('/guides/before-you-start');
  await hydrated(page);
  // The main module, the styles and the messages; then, on first use, the island and its chunks.
  await page.locator('.wizard a').first().focus();
  await expect(page.locator('leptos-island[data-hydrated]')).toHaveCount(1);
  expect(loaded.filter((p) => p.endsWith('.wasm')).length).toBeGreaterThan(1);
  const worker = await (await request.get('/sw.js')).text();
  let kept = 0;
  for (const path of new Set(loaded)) {
    expect(path).toMatch(/\.[A-Za-z0-9_-]{16,22}\.(js|wasm|css)$/);
    const response = await request.get(path, { headers: { 'accept-encoding': 'identity' } });
    const body = await response.body();
    const md5 = createHash('md5').update(body).digest('base64url');
    const sha = createHash('sha256').update(body).digest('hex').slice(0, 16);
    if (response.headers()['cache-control'] === 'public, max-age=31536000, immutable') {
      kept += 1;
      expect(path.includes(`.${md5}.`) || path.includes(`.${sha}.`), `${path} kept a year but its content is not its name`).toBe(true);
    } else {
      expect(response.headers()['cache-control']).toBe('no-cache');
    }
    expect(worker, `the worker does not store ${path}`).toContain(`"${path}"`);
  }
  expect(kept).toBeGreaterThan(2);
});

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`offline in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('a guide opened once works with the network off, reloads included', async ({ page, context }) => {
      await openThenGoOffline(page, context, '/guides/before-you-start');

      await page.reload();
      await hydrated(page);
      const heading = page.locator('#wizard-step-heading');
      await expect(heading).toHaveText(msg(lang, 'guide-start-identification-heading'));
      const illustration = page.getByRole('img', { name: msg(lang, 'guide-start-identification-alt') });
      await expect.poll(() => illustration.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

      await page.getByRole('link', { name: msg(lang, 'wizard-next') }).click();
      await expect(heading).toHaveText(msg(lang, 'guide-start-kind-heading'));
      await page.getByRole('button', { name: msg(lang, 'wizard-next') }).click();
      await expect(page.getByRole('alert')).toContainText(msg(lang, 'validation-required'));
      await page.getByLabel(msg(lang, 'guide-start-kind-label')).selectOption({ label: msg(lang, 'guide-start-kind-public') });
      await page.getByRole('button', { name: msg(lang, 'wizard-next') }).click();
      await expect(heading).toHaveText(msg(lang, 'guide-start-mandate-heading'));

      // The stored page shows the first step; the wizard follows the address to where the user was.
      await page.reload();
      await hydrated(page);
      await expect(heading).toHaveText(msg(lang, 'guide-start-mandate-heading'));
      await expect(page.getByText(msg(lang, 'wizard-step-of', { n: 3, total: 5 }))).toBeVisible();
      await page.getByRole('link', { name: msg(lang, 'wizard-back') }).click();
      await expect(page.getByLabel(msg(lang, 'guide-start-kind-label'))).toHaveValue('public');
      await page.getByRole('button', { name: msg(lang, 'wizard-next') }).click();
      for (const next of ['guide-start-code-service-heading', 'guide-start-ready-heading']) {
        await page.getByRole('link', { name: msg(lang, 'wizard-next') }).click();
        await expect(heading).toHaveText(msg(lang, next));
      }
      await expect(page.getByRole('link', { name: msg(lang, 'guide-start-finish') })).toBeVisible();

      // The other guides were stored when the worker was installed, before anyone opened them.
      await page.goto('/guides/giving-a-mandate');
      await hydrated(page);
      await expect(heading).toHaveText(msg(lang, 'guide-mandate-who-gives-heading'));
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
    });

    test('answers typed offline stay on the device through a reload and a closed tab', async ({ page, context }) => {
      await openThenGoOffline(page, context, '/guides/before-you-start');

      await page.getByRole('link', { name: msg(lang, 'wizard-next') }).click();
      const heading = page.locator('#wizard-step-heading');
      await expect(heading).toHaveText(msg(lang, 'guide-start-kind-heading'));
      // Chosen, not sent with "next": only the device has it.
      await page.getByLabel(msg(lang, 'guide-start-kind-label')).selectOption({ label: msg(lang, 'guide-start-kind-pharmacy') });
      await expect.poll(() => storedDraft(page)).toEqual({ step: 'kind', answers: { kind: 'pharmacy' } });
      expect(page.url()).not.toContain('pharmacy');

      await page.reload();
      await hydrated(page);
      await expect(heading).toHaveText(msg(lang, 'guide-start-kind-heading'));
      await expect(page.getByLabel(msg(lang, 'guide-start-kind-label'))).toHaveValue('pharmacy');
      await expect(page.locator('#draft-restored')).toContainText(msg(lang, 'wizard-draft-restored'));

      // The tab closed; the guide opened again from its plain address resumes where the user was.
      await page.close();
      const again = await context.newPage();
      await again.goto('/guides/before-you-start');
      await hydrated(again);
      await expect(again.locator('#wizard-step-heading')).toHaveText(msg(lang, 'guide-start-kind-heading'));
      await expect(again.getByLabel(msg(lang, 'guide-start-kind-label'))).toHaveValue('pharmacy');
      await expect(again).toHaveURL(/step=kind&kind=pharmacy/);

      // Starting over forgets the answers, here and after a reload.
      await again.getByRole('button', { name: msg(lang, 'wizard-start-over') }).click();
      await expect(again.locator('#wizard-step-heading')).toHaveText(msg(lang, 'guide-start-identification-heading'));
      await again.reload();
      await hydrated(again);
      await again.getByRole('link', { name: msg(lang, 'wizard-next') }).click();
      await expect(again.getByLabel(msg(lang, 'guide-start-kind-label'))).toHaveValue('');
      await expect(again.locator('#draft-restored')).toHaveCount(0);
    });

    test('a newer build opens the device store while an older tab is left open, and that tab goes on', async ({ page, context }) => {
      // Counts the asks for persistent storage; the browser's answer is its own.
      await page.addInitScript(() => {
        const persist = navigator.storage.persist.bind(navigator.storage);
        (window as any).persistAsked = 0;
        navigator.storage.persist = () => {
          (window as any).persistAsked += 1;
          return persist();
        };
      });
      await page.goto('/guides/before-you-start');
      await hydrated(page);
      await page.getByRole('link', { name: msg(lang, 'wizard-next') }).click();
      await page.getByLabel(msg(lang, 'guide-start-kind-label')).selectOption({ label: msg(lang, 'guide-start-kind-pharmacy') });
      await expect.poll(() => storedDraft(page)).toEqual({ step: 'kind', answers: { kind: 'pharmacy' } });
      await expect(page.locator('#device-notice')).toHaveText(msg(lang, 'wizard-device-notice'));
      // The first draft kept asked once, and only once, to keep the store.
      await page.getByLabel(msg(lang, 'guide-start-kind-label')).selectOption({ label: msg(lang, 'guide-start-kind-self-employed') });
      await expect.poll(() => storedDraft(page)).toEqual({ step: 'kind', answers: { kind: 'self-employed' } });
      expect(await page.evaluate(() => (window as any).persistAsked)).toBe(1);
      // A second page opens the store at a higher version, as the next build's would.
      const newer = await context.newPage();
      await newer.goto('/');
      const opened = await newer.evaluate(
        () =>
          new Promise((resolve) => {
            const open = indexedDB.open('kanta', 2);
            open.onblocked = () => resolve('blocked');
            open.onerror = () => resolve('error');
            open.onsuccess = () => {
              open.result.close();
              resolve('opened');
            };
            setTimeout(() => resolve('waiting'), 5000);
          }),
      );
      expect(opened).toBe('opened');
      // The older tab cannot keep drafts any more, but its wizard still works.
      await page.getByLabel(msg(lang, 'guide-start-kind-label')).selectOption({ label: msg(lang, 'guide-start-kind-pharmacy') });
      await page.locator('.wizard form').getByRole('button', { name: msg(lang, 'wizard-next') }).click();
      await expect(page.locator('#wizard-step-heading')).not.toHaveText(msg(lang, 'guide-start-kind-heading'));
    });

    test('the app is installable: a manifest in the page language with icons of its own', async ({ page }) => {
      await page.goto('/');
      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      const manifest = await page.evaluate(async (url) => (await fetch(url!)).json(), href);
      expect(manifest.name).toBe(msg(lang, 'service-name'));
      expect(manifest.lang).toBe(lang);
      expect(manifest.display).toBe('standalone');
      const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
      expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
      for (const icon of manifest.icons) {
        expect(icon.src).toMatch(/^\//);
        const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src);
        expect(status).toBe(200);
      }
    });
  });
}

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`a guide's pictures offline in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    for (const guide of [...new Set(screenSteps.map((s) => s.guide))]) {
      test(`${guide}: a picture shown on the first visit keeps all the guide's pictures for the network off`, async ({ page, context }, info) => {
        const width = info.project.name === 'phone' ? 'phone' : 'desktop';
        const steps = screenSteps.filter((s) => s.guide === guide);
        // The first page of the site this browser opens shows a picture: loaded before the worker
        // ran, so the page names it to the worker, which then keeps the guide's others for this
        // language and width.
        const first = steps[0];
        await page.goto(`/guides/${first.guide}?step=${first.step}${first.answers}`);
        await pictureLoaded(page, first.screen, lang, width);
        await hydrated(page);
        await controlledByWorker(page);
        const pattern = new RegExp(`/screens/[a-z-]+\\.${lang}\\.${width}\\.[0-9a-f]{10}\\.webp$`);
        const wanted = (await (await page.request.get('/sw.js')).text())
          .match(/"\/screens\/[^"]+"/g)!.map((s) => JSON.parse(s) as string)
          .filter((path) => pattern.test(path) && steps.some((s) => path.startsWith(`/screens/${s.screen}.`)));
        expect(wanted).toHaveLength(steps.length);
        await expect.poll(() => page.evaluate(async (paths) => {
          const kept = await Promise.all(paths.map((p) => caches.match(p)));
          return kept.filter(Boolean).length;
        }, wanted)).toBe(steps.length);

        await context.setOffline(true);
        await workerIsOffline(context);
        for (const { step, screen, answers } of steps) {
          await page.goto(`/guides/${guide}?step=${step}${answers}`);
          await hydrated(page);
          await pictureLoaded(page, screen, lang, width);
        }
      });
    }
  });
}
