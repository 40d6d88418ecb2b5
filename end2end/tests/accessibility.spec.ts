import { test, expect, type Page } from '@playwright/test';
import { axeProblems } from './axe';
import { msg, type Lang } from './messages';
import { browserLocale, logIn } from './sandbox';

/** Every page, as the one who can see it: WCAG 2.1 A and AA rules (axe-core) at the project's
 * width (desktop and phone), and a title of its own in its language (WCAG 2.4.2). */
const pages: Record<'anonymous' | 'applicant' | 'staff', string[]> = {
  anonymous: [
    '/',
    '/login',
    '/login/failed',
    '/logged-out',
    '/accessibility',
    '/privacy',
    '/storage',
    '/terms',
    '/terms/delivery/2026-1',
    '/terms/patient-data/2026-1',
    '/materials',
    '/guides/before-you-start',
    '/guides/taking-a-service-into-use',
    '/guides/updating-data',
    '/guides/giving-a-mandate',
    '/no-such-page',
  ],
  applicant: ['/account', '/organisations', '/organisation', '/applications', '/customer-data', '/billing'],
  staff: ['/staff', '/staff/billing', '/staff/mail', '/staff/support'],
};
const showingAnError = ['/login/failed', '/no-such-page'];
const people = { fi: 'Aino Virtanen', sv: 'Anna Lindholm' };
const staff = 'Oskar Berg';

async function check(page: Page, lang: Lang, path: string) {
  await page.goto(path);
  const heading = (await page.getByRole('heading', { level: 1 }).first().textContent())?.trim();
  const service = msg(lang, 'service-name');
  const title = showingAnError.includes(path)
    ? `${msg(lang, 'title-error')}: ${heading} – ${service}`
    : `${heading} – ${service}`;
  await expect(page, path).toHaveTitle(title);
  expect(await axeProblems(page, path)).toEqual([]);
}

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`every page in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });
    // Many pages, each analysed whole: more than the default 30 s on a busy 2-core machine.
    test.describe.configure({ timeout: 120_000 });

    test('anonymous pages pass axe and have their own titles', async ({ page }) => {
      for (const path of pages.anonymous) await check(page, lang, path);
    });

    test("an organisation's pages pass axe and have their own titles", async ({ page }) => {
      await logIn(page, lang, { listed: people[lang] });
      for (const path of pages.applicant) await check(page, lang, path);
    });

    test("staff's pages pass axe and have their own titles", async ({ page }) => {
      // A support request to open at the desk.
      const sent = await page.request.post('/api/support/send', {
        form: { name: 'Aino Virtanen', email: 'aino@lahiklinikka.example', organisation: '', topic: 'other', message: 'Saavutettavuuden tarkistus.' },
      });
      const id = Number((await sent.json()).reference.slice(3));
      await logIn(page, lang, { listed: staff });
      for (const path of [...pages.staff, `/staff/support/${id}`]) await check(page, lang, path);
    });
  });
}
