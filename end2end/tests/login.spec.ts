import { test, expect, type Page } from '@playwright/test';
import { msg, hydrated, type Lang } from './messages';
import { browserLocale, identify } from './sandbox';
import { storedDraft } from './device';
import { endSessionsOf, personKnown, sessionExists, sessionsOf, testHetu } from './database';

async function startLogin(page: Page, lang: Lang) {
  await page.goto('/login');
  await page.getByRole('link', { name: msg(lang, 'login-start') }).click();
}

for (const [i, lang] of (['fi', 'sv'] as Lang[]).entries()) {
  test.describe(`login in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('a page that needs login leads through identification and back, then logout ends both sessions', async ({
      page,
      context,
    }, info) => {
      // Each test identifies a person of its own, so parallel tests cannot disturb its counts.
      const hetu = testHetu(1 + i, 900 + info.parallelIndex + (info.project.name === 'phone' ? 50 : 0));
      await page.goto('/account');
      await expect(page).toHaveURL(/\/login\?next=\/account$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'login-heading'));
      await page.getByRole('link', { name: msg(lang, 'login-start') }).click();
      await identify(page, lang, { hetu, given: 'Testi', surname: 'Käyttäjä' });

      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'account-heading'));
      await expect(page.locator('#account-name')).toHaveText('Testi Käyttäjä');
      await expect(page.getByRole('link', { name: 'Testi Käyttäjä' })).toBeVisible();
      const cookie = (await context.cookies()).find((c) => c.name === 'kanta_session');
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe('Lax');
      expect(sessionExists(cookie!.value)).toBe(true);
      expect(sessionsOf(hetu)).toBe(1);
      await hydrated(page);

      await page.getByRole('button', { name: msg(lang, 'logout-button') }).click();
      await expect(page).toHaveURL(/\/logged-out(\?|$)/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'logged-out-heading'));
      await expect(page.getByRole('link', { name: msg(lang, 'login-link'), exact: true })).toBeVisible();
      expect(sessionExists(cookie!.value)).toBe(false);
      expect(sessionsOf(hetu)).toBe(0);

      // The identification service forgot the person too: it asks again instead of continuing.
      await startLogin(page, lang);
      await expect(page.locator('#current-identification')).toHaveCount(0);
    });

    test('a listed test person logs in from the header link and returns to the page they were on', async ({ page }) => {
      await page.goto('/accessibility');
      await page.getByRole('link', { name: msg(lang, 'login-link'), exact: true }).click();
      await page.getByRole('link', { name: msg(lang, 'login-start') }).click();
      await identify(page, lang, { listed: 'Erik Lindqvist' }, { method: 'sandbox-idp-method-card' });
      await expect(page).toHaveURL(/\/accessibility$/);
      await expect(page.getByRole('link', { name: 'Erik Lindqvist' })).toBeVisible();
    });

    const refusals = [
      { name: 'a wrong nonce', fault: 'sandbox-idp-fault-nonce', reason: 'login-failed-token' },
      { name: 'an expired ID token', fault: 'sandbox-idp-fault-expired', reason: 'login-failed-token' },
      { name: 'a too low level of assurance', fault: 'sandbox-idp-fault-assurance', reason: 'login-failed-assurance' },
      { name: 'a foreign person identified through eIDAS', fault: 'sandbox-idp-fault-eidas', reason: 'login-failed-foreign' },
      { name: 'a damaged signature inside the encryption', fault: 'sandbox-idp-fault-signature', reason: 'login-failed-token' },
      { name: 'the customer-test level outside a test environment', fault: 'sandbox-idp-fault-test-level', reason: 'login-failed-assurance' },
    ];
    for (const [k, refusal] of refusals.entries()) {
      test(`${refusal.name} ends on a clear error page and creates no session`, async ({ page }, info) => {
        const individual = 900 + 20 * Math.floor(k / 5) + info.parallelIndex + (info.project.name === 'phone' ? 50 : 0);
        const hetu = testHetu(10 + i * 5 + (k % 5), individual);
        await startLogin(page, lang);
        await identify(page, lang, { hetu, given: 'Virhe', surname: 'Testi' }, { fault: refusal.fault });
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'login-failed-heading'));
        await expect(page.locator('#login-failed-reason')).toHaveText(msg(lang, refusal.reason));
        await expect(page.getByRole('link', { name: msg(lang, 'login-link'), exact: true })).toBeVisible();
        expect(personKnown(hetu)).toBe(false);
        expect(sessionsOf(hetu)).toBe(0);
      });
    }

    test('a tampered state ends on a clear error page and creates no session', async ({ page }, info) => {
      const hetu = testHetu(20 + i, 900 + info.parallelIndex + (info.project.name === 'phone' ? 50 : 0));
      // The provider's redirect back is altered on its way to the browser.
      await page.route('**/sandbox/idp/authorize', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        const response = await route.fetch({ maxRedirects: 0 });
        const back = new URL(response.headers()['location']);
        back.searchParams.set('state', `${back.searchParams.get('state')}x`);
        return route.fulfill({ response, headers: { ...response.headers(), location: back.toString() } });
      });
      await startLogin(page, lang);
      await identify(page, lang, { hetu, given: 'Tila', surname: 'Testi' });
      await expect(page.locator('#login-failed-reason')).toHaveText(msg(lang, 'login-failed-state'));
      expect(personKnown(hetu)).toBe(false);
      expect(sessionsOf(hetu)).toBe(0);
    });

    test('a replayed authorization code ends on a clear error page and creates no session', async ({ page }, info) => {
      const hetu = testHetu(22 + i, 900 + info.parallelIndex + (info.project.name === 'phone' ? 50 : 0));
      const callback = page.waitForRequest('**/auth/callback?**');
      await startLogin(page, lang);
      await identify(page, lang, { hetu, given: 'Uusinta', surname: 'Testi' });
      const callbackUrl = (await callback).url();
      await expect(page.getByRole('link', { name: 'Uusinta Testi' })).toBeVisible();
      await page.getByRole('button', { name: msg(lang, 'logout-button') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'logged-out-heading'));
      expect(sessionsOf(hetu)).toBe(0);

      await page.goto(callbackUrl);
      await expect(page.locator('#login-failed-reason')).toHaveText(msg(lang, 'login-failed-state'));
      expect(sessionsOf(hetu)).toBe(0);
    });

    test('when the session ends on an open page, or the person logs out, the device forgets its drafts', async ({ page }, info) => {
      // Three logins and two session ends: on a loaded machine, more than the default 30 s.
      test.setTimeout(90_000);
      const hetu = testHetu(24 + i, 940 + info.parallelIndex + (info.project.name === 'phone' ? 50 : 0));
      const keepDraft = async () => {
        await page.goto('/guides/before-you-start');
        await hydrated(page);
        // A draft kept earlier brings the guide back to its step.
        const next = page.getByRole('link', { name: msg(lang, 'wizard-next') });
        await expect(next.or(page.getByLabel(msg(lang, 'guide-start-kind-label')))).toBeVisible();
        if (await next.isVisible()) await next.click();
        const kind = page.getByLabel(msg(lang, 'guide-start-kind-label'));
        // Chosen twice, so the last choice is a change whatever the page brought back.
        await expect(async () => {
          await kind.selectOption({ label: msg(lang, 'guide-start-kind-private') });
          await kind.selectOption({ label: msg(lang, 'guide-start-kind-pharmacy') });
          await expect.poll(() => storedDraft(page), { timeout: 2000 }).not.toBeNull();
        }).toPass({ timeout: 15_000 });
      };
      await page.clock.install();
      await startLogin(page, lang);
      await identify(page, lang, { hetu, given: 'Laite', surname: 'Testi' });
      await keepDraft();
      // Time is up by the page's count, but the server's session goes on: the draft stays.
      await page.clock.fastForward('31:00');
      await expect.poll(() => sessionsOf(hetu)).toBe(1);
      await page.waitForTimeout(500);
      expect(await storedDraft(page)).not.toBeNull();
      // The session has ended on the server: the page says so, and the draft is gone.
      await keepDraft();
      endSessionsOf(hetu);
      await page.clock.fastForward('31:00');
      await expect(page.getByRole('alertdialog')).toContainText(msg(lang, 'session-ended'));
      await expect.poll(() => storedDraft(page)).toBeNull();

      await startLogin(page, lang);
      await identify(page, lang, { hetu, given: 'Laite', surname: 'Testi' });
      await keepDraft();
      await page.getByRole('button', { name: msg(lang, 'logout-button') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'logged-out-heading'));
      await expect.poll(() => storedDraft(page)).toBeNull();
    });

    test('before the idle timeout a warning offers to continue the session', async ({ page }, info) => {
      const hetu = testHetu(24 + i, 900 + info.parallelIndex + (info.project.name === 'phone' ? 50 : 0));
      await page.clock.install();
      await startLogin(page, lang);
      await identify(page, lang, { hetu, given: 'Aika', surname: 'Testi' });
      await expect(page.getByRole('link', { name: 'Aika Testi' })).toBeVisible();
      await hydrated(page);
      const warning = page.getByRole('alertdialog');
      await expect(warning).toHaveCount(0);
      await page.clock.fastForward('29:00');
      await expect(warning).toContainText(msg(lang, 'session-continue'));
      await warning.getByRole('button', { name: msg(lang, 'session-continue') }).click();
      await expect(warning).toHaveCount(0);
      expect(sessionsOf(hetu)).toBe(1);
    });
  });
}
