import { test, expect } from '@playwright/test';
import { msg, hydrated, type Lang } from './messages';
import { browserLocale, identify } from './sandbox';
import { pictureLoaded, screenSteps } from './screens';
import { axeProblems } from './axe';
import { start } from './applying';

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`guide in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('"before you start" goes step by step, branches on the answer and ends in the product', async ({ page }) => {
      await page.goto('/guides/before-you-start');
      await hydrated(page);
      const heading = page.locator('#wizard-step-heading');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'guide-start-title'));
      await expect(heading).toHaveText(msg(lang, 'guide-start-identification-heading'));
      await expect(page.getByText(msg(lang, 'wizard-step-of', { n: 1, total: 5 }))).toBeVisible();
      const illustration = page.getByRole('img', { name: msg(lang, 'guide-start-identification-alt') });
      await expect(illustration).toBeVisible();
      expect(await illustration.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

      await page.getByRole('link', { name: msg(lang, 'wizard-next') }).click();
      await expect(heading).toHaveText(msg(lang, 'guide-start-kind-heading'));
      await expect(heading).toBeFocused();

      // Unanswered: the error summary names the question and links to it.
      await page.getByRole('button', { name: msg(lang, 'wizard-next') }).click();
      await expect(page.getByRole('alert')).toContainText(msg(lang, 'validation-required'));
      await page.getByLabel(msg(lang, 'guide-start-kind-label')).selectOption({ label: msg(lang, 'guide-start-kind-public') });
      await page.getByRole('button', { name: msg(lang, 'wizard-next') }).click();
      await expect(heading).toHaveText(msg(lang, 'guide-start-mandate-heading'));
      await expect(page.getByText(msg(lang, 'wizard-step-of', { n: 3, total: 5 }))).toBeVisible();

      // Back keeps the answer.
      await page.getByRole('link', { name: msg(lang, 'wizard-back') }).click();
      await expect(heading).toHaveText(msg(lang, 'guide-start-kind-heading'));
      await expect(page.getByLabel(msg(lang, 'guide-start-kind-label'))).toHaveValue('public');
      await page.getByRole('button', { name: msg(lang, 'wizard-next') }).click();
      for (const next of ['guide-start-code-service-heading', 'guide-start-ready-heading']) {
        await page.getByRole('link', { name: msg(lang, 'wizard-next') }).click();
        await expect(heading).toHaveText(msg(lang, next));
      }
      await page.getByRole('link', { name: msg(lang, 'guide-start-finish') }).click();
      await expect(page).toHaveURL(/\/login\?next=\/organisations$/);
    });
  });
}

// A guide downloads its island's code only when the user first touches it. What they did before
// it ran is kept: the answer chosen, and the click on "next", which then moves in place.
test.describe('first use', () => {
  test.use({ locale: browserLocale.fi });
  test('a guide loads its code on first use and keeps what was done before it ran', async ({ page }) => {
    const wasm: string[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.endsWith('.wasm')) wasm.push(r.url());
    });
    await page.goto('/guides/before-you-start?step=kind');
    await hydrated(page);
    expect(wasm, 'only the main module before first use').toHaveLength(1);
    await expect(page.locator('leptos-island[data-hydrated]')).toHaveCount(0);
    await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));

    await page.locator('select').first().selectOption('public');
    await page.getByRole('button', { name: msg('fi', 'wizard-next') }).click();
    await expect(page.locator('#wizard-step-heading')).toHaveText(msg('fi', 'guide-start-mandate-heading'));
    await expect(page.locator('leptos-island[data-hydrated]')).toHaveCount(1);
    expect(wasm.length).toBeGreaterThan(1);
    expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage), 'moved in place').toBe(true);
    await expect(page).toHaveURL(/step=mandate/);
    await expect(page).toHaveURL(/kind=public/);
  });
});

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`mandate guide in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('"giving a mandate" branches to a company holder and ends at the chooser', async ({ page }) => {
      await page.goto('/guides/giving-a-mandate');
      await hydrated(page);
      const heading = page.locator('#wizard-step-heading');
      await expect(heading).toHaveText(msg(lang, 'guide-mandate-who-gives-heading'));
      await page.getByRole('link', { name: msg(lang, 'wizard-next') }).click();
      await page.getByLabel(msg(lang, 'guide-mandate-holder-label')).selectOption({ label: msg(lang, 'guide-mandate-holder-company') });
      await page.getByRole('button', { name: msg(lang, 'wizard-next') }).click();
      await expect(heading).toHaveText(msg(lang, 'guide-mandate-to-company-heading'));
      await expect(page.getByText(msg(lang, 'wizard-step-of', { n: 3, total: 5 }))).toBeVisible();
      for (const next of ['guide-mandate-issue-heading', 'guide-mandate-acting-heading']) {
        await page.getByRole('link', { name: msg(lang, 'wizard-next') }).click();
        await expect(heading).toHaveText(msg(lang, next));
      }
      await expect(page.getByRole('link', { name: msg(lang, 'guide-mandate-finish') })).toHaveAttribute('href', '/organisations');
    });
  });
}

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`taking-into-use guide in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('branches on the service and the system, checks the answers and changes one', async ({ page }) => {
      await page.goto('/guides/taking-a-service-into-use');
      await hydrated(page);
      const heading = page.locator('#wizard-step-heading');
      const next = () => page.getByRole('link', { name: msg(lang, 'wizard-next') }).click();
      const answer = async (label: string, option: string) => {
        await page.getByLabel(msg(lang, label), { exact: true }).selectOption({ label: msg(lang, option) });
        await page.getByRole('button', { name: msg(lang, 'wizard-next') }).click();
      };
      await expect(heading).toHaveText(msg(lang, 'guide-use-how-heading'));
      await next();
      await expect(heading).toHaveText(msg(lang, 'guide-use-start-heading'));
      await next();
      await answer('guide-use-service-label', 'guide-use-service-eprescription-pharmacy');
      await expect(heading).toHaveText(msg(lang, 'guide-use-pharmacy-heading'));
      await next();
      await answer('guide-use-system-label', 'guide-use-system-in-progress');
      await expect(heading).toHaveText(msg(lang, 'guide-use-certification-heading'));
      await next();
      await expect(heading).toHaveText(msg(lang, 'guide-use-joint-testing-heading'));
      await next();
      await expect(heading).toHaveText(msg(lang, 'guide-use-answering-heading'));
      await next();
      await expect(heading).toHaveText(msg(lang, 'guide-use-checking-heading'));
      await next();

      // Check your answers: both, in words, each with a way back.
      await expect(heading).toHaveText(msg(lang, 'guide-use-check-heading'));
      const answers = page.locator('#check-answers');
      await expect(answers).toContainText(msg(lang, 'guide-use-service-eprescription-pharmacy'));
      await expect(answers).toContainText(msg(lang, 'guide-use-system-in-progress'));
      await answers.getByRole('link', { name: `${msg(lang, 'wizard-change')} ${msg(lang, 'guide-use-service-label')}` }).click();
      await expect(heading).toHaveText(msg(lang, 'guide-use-service-heading'));
      await expect(heading).toBeFocused();
      await answer('guide-use-service-label', 'guide-use-service-patient-data');
      await expect(heading).toHaveText(msg(lang, 'guide-use-health-care-heading'));
      await next();
      await answer('guide-use-system-label', 'guide-use-system-certified');
      await expect(heading).toHaveText(msg(lang, 'guide-use-joint-testing-heading'));
      await next();
      await next();
      await next();
      await expect(answers).toContainText(msg(lang, 'guide-use-service-patient-data'));
      await expect(answers).toContainText(msg(lang, 'guide-use-system-certified'));
      await expect(page.getByText(msg(lang, 'wizard-step-of', { n: 9, total: 11 }))).toBeVisible();
      await next();
      await expect(heading).toHaveText(msg(lang, 'guide-use-agreement-heading'));
      await next();
      await expect(heading).toHaveText(msg(lang, 'guide-use-following-heading'));
      await expect(page.getByRole('link', { name: msg(lang, 'guide-use-finish') })).toHaveAttribute('href', '/organisation');
    });
  });
}

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`updating-data guide in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('tells what to do for the change chosen and ends with the yearly confirmation', async ({ page }) => {
      await page.goto('/guides/updating-data');
      await hydrated(page);
      const heading = page.locator('#wizard-step-heading');
      await expect(heading).toHaveText(msg(lang, 'guide-update-keep-heading'));
      await page.getByRole('link', { name: msg(lang, 'wizard-next') }).click();
      await page.getByLabel(msg(lang, 'guide-update-change-label'), { exact: true }).selectOption({ label: msg(lang, 'guide-update-change-contacts') });
      await page.getByRole('button', { name: msg(lang, 'wizard-next') }).click();
      await expect(heading).toHaveText(msg(lang, 'guide-update-contacts-heading'));
      await expect(page.getByText(msg(lang, 'guide-update-contacts-rule'))).toBeVisible();
      await page.getByRole('link', { name: msg(lang, 'wizard-back') }).click();
      await page.getByLabel(msg(lang, 'guide-update-change-label'), { exact: true }).selectOption({ label: msg(lang, 'guide-update-change-certificate') });
      await page.getByRole('button', { name: msg(lang, 'wizard-next') }).click();
      await expect(heading).toHaveText(msg(lang, 'guide-update-certificate-heading'));
      await page.getByRole('link', { name: msg(lang, 'wizard-next') }).click();
      await expect(heading).toHaveText(msg(lang, 'guide-update-confirm-heading'));
      await expect(page.getByText(msg(lang, 'wizard-step-of', { n: 4, total: 5 }))).toBeVisible();
      await page.getByRole('link', { name: msg(lang, 'wizard-next') }).click();
      await expect(heading).toHaveText(msg(lang, 'guide-update-billing-heading'));
      await expect(page.getByRole('link', { name: msg(lang, 'guide-update-finish') })).toHaveAttribute('href', '/organisation');
    });
  });
}

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`the product's screens in the guides in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('each picture loads for the width, each numbered callout has its mark on the picture', async ({ page }, info) => {
      const width = info.project.name === 'phone' ? 'phone' : 'desktop';
      const other = width === 'phone' ? 'desktop' : 'phone';
      for (const { guide, step, screen, answers } of screenSteps) {
        await page.goto(`/guides/${guide}?step=${step}${answers}`);
        const figure = page.locator(`#screen-${screen}`);
        await expect(figure.locator('img')).toHaveAttribute('alt', msg(lang, `guide-screen-${screen}-alt`));
        await expect(figure.locator('img')).toHaveAttribute('loading', 'lazy');
        await pictureLoaded(page, screen, lang, width);
        const picture = (await figure.locator('img').boundingBox())!;
        const callouts = figure.locator('.shot__callouts li');
        expect(await callouts.count(), screen).toBeGreaterThan(1);
        for (let n = 1; n <= (await callouts.count()); n++) {
          await expect(callouts.nth(n - 1)).toHaveAttribute('data-mark', String(n));
          const mark = figure.locator(`.shot__marks--${width} .shot__mark[data-mark="${n}"]`);
          await expect(mark, `${screen}: mark ${n}`).toBeVisible();
          await expect(mark.locator('text')).toHaveText(String(n));
          const box = (await mark.boundingBox())!;
          const inside = box.x >= picture.x - 1 && box.y >= picture.y - 1
            && box.x + box.width <= picture.x + picture.width + 1 && box.y + box.height <= picture.y + picture.height + 1;
          expect(inside, `${screen}: mark ${n} lies on the picture`).toBe(true);
        }
        await expect(figure.locator(`.shot__marks--${other}`)).toBeHidden();
      }
    });

    test('"show me this page" opens the page the picture shows, after login', async ({ page }, info) => {
      test.skip(info.project.name !== 'desktop', 'one login per language is enough');
      test.setTimeout(90_000);
      await page.goto('/guides/updating-data?step=billing&change=contacts');
      expect(await axeProblems(page, 'a step with a picture of the product')).toEqual([]);
      await page.locator('#screen-billing').getByRole('link', { name: msg(lang, 'guide-show-me') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'login-heading'));
      await page.getByRole('link', { name: msg(lang, 'login-start') }).click();
      await identify(page, lang, { listed: lang === 'fi' ? 'Eeva Kuvaaja' : 'Ebba Exempel' });
      await expect(page).toHaveURL(/\/billing$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'billing-heading'));

      // Each picture's link, logged in: an application's screens open the organisation's newest
      // application there, or the box that starts one while it has none.
      const showMe = async (screen: string, address: RegExp, target: string) => {
        const { guide, step, answers } = screenSteps.find((s) => s.screen === screen)!;
        await page.goto(`/guides/${guide}?step=${step}${answers}`);
        await page.locator(`#screen-${screen}`).getByRole('link', { name: msg(lang, 'guide-show-me') }).click();
        await expect(page, screen).toHaveURL(address);
        await expect(page.locator(target), screen).toBeInViewport();
      };
      await showMe('dashboard', /\/applications$/, '#tasks-heading');
      for (const screen of ['wizard-step', 'check-answers', 'signing', 'timeline']) {
        await showMe(screen, /\/applications#start-heading$/, '#start-heading');
      }
      await showMe('customer-data', /\/customer-data#contacts-heading$/, '#contacts-heading');
      await showMe('service-unit', /\/customer-data#technical-heading$/, '#technical-heading');
      await showMe('confirm', /\/customer-data#confirm-heading$/, '#confirm-heading');
      await showMe('billing', /\/billing$/, 'h1');
      const id = await start(page, lang, 'service-patient-data');
      await showMe('wizard-step', new RegExp(`/applications/${id}$`), '#wizard-step-heading');
      await showMe('check-answers', new RegExp(`/applications/${id}\\?step=check$`), '#wizard-step-heading');
      // Not yet complete: the application opens where its answers go on.
      await showMe('signing', new RegExp(`/applications/${id}$`), '#wizard-step-heading');
      await showMe('timeline', new RegExp(`/applications/${id}#timeline-heading$`), '#timeline-heading');

      // A picture shows nothing of the user: logged in, it is still a file the browser may keep.
      const picture = (await (await page.request.get('/sw.js')).text()).match(/\/screens\/[^"]+\.webp/)![0];
      const answer = await page.request.get(picture);
      expect(answer.status()).toBe(200);
      expect(answer.headers()['cache-control'] ?? '').not.toContain('no-store');
    });
  });
}

for (const lang of ['fi', 'sv'] as Lang[]) {
  test(`the step list lays its labels out apart at 360 px and 1280 px in ${lang}`, async ({ page }, info) => {
    test.skip(info.project.name !== 'desktop', 'both widths are set here');
    await page.context().setExtraHTTPHeaders({ 'accept-language': browserLocale[lang] });
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/guides/taking-a-service-into-use');
      const steps = page.locator('.wizard__progress li');
      expect(await steps.count()).toBeGreaterThan(3);
      // Where each label's text lies (its number, a list marker, is not part of it), and each item.
      const boxes = await steps.evaluateAll((items) => items.map((li) => {
        const range = document.createRange();
        range.selectNodeContents(li);
        return [...range.getClientRects()].map((r) => ({ x: r.x, y: r.y, right: r.right, bottom: r.bottom }));
      }));
      const items = await steps.evaluateAll((items) => items.map((li) => {
        const box = li.getBoundingClientRect();
        return { x: box.x, y: box.y, right: box.right, bottom: box.bottom };
      }));
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          const a = items[i];
          const b = items[j];
          const overlap = Math.min(a.right, b.right) - Math.max(a.x, b.x) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.y, b.y) > 0.5;
          expect(overlap, `${width} px: steps ${i + 1} and ${j + 1} overlap`).toBe(false);
        }
        // The label lies inside its item, after room for its number there (a number drawn outside
        // the item ran into the label before it).
        for (const r of boxes[i]) {
          expect(r.x >= items[i].x - 0.5 && r.right <= items[i].right + 0.5, `${width} px: step ${i + 1}'s label runs out of its item`).toBe(true);
        }
        expect(boxes[i][0].x - items[i].x, `${width} px: step ${i + 1}'s number is not in its item`).toBeGreaterThanOrEqual(8);
      }
    }
  });
}
