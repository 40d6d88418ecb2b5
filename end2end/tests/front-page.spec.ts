import { test, expect } from '@playwright/test';
import { msg, hydrated, type Lang } from './messages';
import { logIn } from './sandbox';
import { sidewaysOverflow } from './device';

const browserLocale: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI' };

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`front page in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('explains the service in the browser language and hydrates', async ({ page }) => {
      // A blocked script (CSP), a hydration mismatch or a Rust panic shows up as a console error.
      const problems: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page).toHaveTitle(`${msg(lang, 'home-heading')} – ${msg(lang, 'service-name')}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'home-heading'));
      await expect(page.getByText(msg(lang, 'home-needs-code-service'))).toBeVisible();
      await expect(page.getByRole('link', { name: msg(lang, 'footer-accessibility') })).toBeVisible();
      await expect(page.getByRole('link', { name: 'kanta@kanta.fi' }).first()).toBeVisible();
      await hydrated(page);
      expect(problems).toEqual([]);
    });

    test('sends the support form: a bad value shows a localised error, then a good one is confirmed', async ({ page }) => {
      await page.goto('/');
      await hydrated(page);
      const form = page.locator('#support');
      await form.getByLabel(msg(lang, 'support-name')).fill('Aino Virtanen');
      await form.getByLabel(msg(lang, 'support-email')).fill('aino.virtanen@');
      await form.getByLabel(msg(lang, 'support-topic')).selectOption({ label: msg(lang, 'support-topic-login') });
      await form.getByLabel(msg(lang, 'support-message')).fill('Kort');
      await form.getByRole('button', { name: msg(lang, 'support-send') }).click();

      const summary = form.getByRole('alert');
      await expect(summary.getByRole('heading')).toHaveText(msg(lang, 'error-summary-heading'));
      await expect(summary).toBeFocused();
      await expect(summary.getByRole('link')).toHaveText([
        `${msg(lang, 'support-email')}: ${msg(lang, 'validation-invalid-email')}`,
        `${msg(lang, 'support-message')}: ${msg(lang, 'validation-too-short', { min: 10 })}`,
      ]);
      const email = form.getByLabel(msg(lang, 'support-email'));
      await expect(email).toHaveAttribute('aria-invalid', 'true');
      // The summary links to the field it names.
      await summary.getByRole('link').first().click();
      await expect(page).toHaveURL(/#support-email$/);

      await email.fill('aino.virtanen@lahiklinikka.fi');
      await form.getByLabel(msg(lang, 'support-message')).fill('Mobiilivarmenne ei toimi kirjautuessa.');
      await form.getByRole('button', { name: msg(lang, 'support-send') }).click();

      const confirmation = form.getByRole('status');
      await expect(confirmation.getByRole('heading')).toHaveText(msg(lang, 'support-sent-heading'));
      await expect(confirmation).toContainText(/KS-\d{6}/);
      await expect(confirmation).toBeFocused();
      await expect(form.getByRole('alert')).toHaveCount(0);
    });

    test("staff take and answer a support request, and the answer's mail arrives", async ({ page }, info) => {
      test.skip(info.project.name !== 'desktop', 'one run per language');
      await page.goto('/');
      await hydrated(page);
      const form = page.locator('#support');
      const question = `Valtuus ei näy (${lang}, ${Date.now()}).`;
      await form.getByLabel(msg(lang, 'support-name')).fill('Aino Virtanen');
      await form.getByLabel(msg(lang, 'support-email')).fill('aino.virtanen@lahiklinikka.fi');
      await form.getByLabel(msg(lang, 'support-topic')).selectOption({ label: msg(lang, 'support-topic-mandates') });
      await form.getByLabel(msg(lang, 'support-message')).fill(question);
      await form.getByRole('button', { name: msg(lang, 'support-send') }).click();
      const reference = (await form.getByRole('status').textContent())!.match(/KS-\d{6}/)![0];

      await logIn(page, lang, { listed: 'Oskar Berg' });
      await page.goto('/staff');
      await page.getByRole('link', { name: msg(lang, 'support-desk-heading') }).click();
      await expect(page).toHaveTitle(`${msg(lang, 'support-desk-heading')} – ${msg(lang, 'service-name')}`);
      await page.getByLabel(msg(lang, 'support-desk-filter-topic')).selectOption({ label: msg(lang, 'support-topic-mandates') });
      await page.getByRole('button', { name: msg(lang, 'staff-filter-apply') }).click();
      await page.getByRole('link', { name: reference }).click();
      await expect(page.locator('#message')).toHaveText(question);
      await page.getByRole('button', { name: msg(lang, 'support-desk-take') }).click();
      await expect(page.locator('#assignee')).toHaveText(msg(lang, 'support-desk-taken-by', { name: 'Oskar Berg' }));
      const answer = `Valitse pankkitunnistus (${reference}).`;
      await page.getByLabel(msg(lang, 'support-desk-answer')).fill(answer);
      await page.getByRole('button', { name: msg(lang, 'support-desk-send-answer') }).click();
      await expect(page.locator('#answer')).toHaveText(answer);
      await expect(page.locator('.lead .badge')).toHaveText(msg(lang, 'support-status-answered'));

      const subject = msg(lang, 'mail-support-answered-subject', { reference });
      await expect(async () => {
        const all: { to: string[]; subject: string; body: string }[] =
          await (await page.request.get('/sandbox/mail?format=json')).json();
        const mail = all.find((m) => m.subject === subject);
        expect(mail?.to).toEqual(['aino.virtanen@lahiklinikka.fi']);
        expect(mail?.body).toContain(answer);
        expect(mail?.body).not.toContain(question);
      }).toPass({ timeout: 15_000 });
    });
  });
}

test.describe('language switch', () => {
  test.use({ locale: 'en-GB' });

  test('defaults to Finnish, switches to Swedish on the same page and remembers it', async ({ page }) => {
    await page.goto('/accessibility');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
    await hydrated(page);
    await page.getByRole('link', { name: 'På svenska' }).click();
    await expect(page).toHaveURL(/\/accessibility$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('sv', 'a11y-heading'));
    await hydrated(page);

    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('sv', 'home-heading'));
    await page.getByRole('link', { name: 'Suomeksi' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('fi', 'home-heading'));
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the switch is a plain link that works', async ({ page }) => {
      await page.goto('/login');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('fi', 'login-heading'));
      await page.getByRole('link', { name: 'På svenska' }).click();
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('sv', 'login-heading'));
    });
  });
});

test.describe('layout', () => {
  test('skip link moves to the main content', async ({ page }) => {
    await page.goto('/');
    await hydrated(page);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: msg('fi', 'skip-to-content') });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
  });

  test('fits a 360 px wide screen without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/', '/login', '/accessibility']) {
      await page.goto(path);
      expect(await sidewaysOverflow(page), path).toBeLessThanOrEqual(0);
    }
  });

  test('an unknown address answers 404 with a localised page', async ({ page }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('fi', 'not-found-heading'));
  });
});
