import { test, expect, type Page } from '@playwright/test';
import { msg, hydrated, type Lang } from './messages';
import { browserLocale, logIn } from './sandbox';
import { actingOf, deniedOf, testHetu } from './database';

/** The test persons of the shared test data these journeys use. */
const persons = {
  aino: { listed: 'Aino Virtanen', hetu: '120375-901K' },
  mikko: { listed: 'Mikko Nieminen', hetu: '090190-934Y' },
  helena: { listed: 'Helena Mäkinen', hetu: '300470-9454' },
  johan: { listed: 'Johan Sjöberg', hetu: '140979-956H' },
  emma: { listed: 'Emma Koskinen', hetu: '030201A989P' },
  laura: { listed: 'Laura Heikkinen', hetu: '050585-967C' },
};

async function expectActingFor(page: Page, lang: Lang, name: string, basis: string) {
  await expect(page).toHaveURL(/\/organisation$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.locator('#acting-basis')).toHaveText(msg(lang, basis));
  await expect(page.locator('#acting-for')).toHaveText(msg(lang, 'acting-for', { name }));
}

/** From the chooser, through the Suomi.fi e-Authorizations chooser (sandbox), for `organisation`. */
async function chooseWithMandate(page: Page, lang: Lang, organisation: RegExp) {
  await page.getByRole('link', { name: msg(lang, 'organisations-mandate-button') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'sandbox-mandates-choose-heading'));
  await page.getByLabel(organisation).check();
  await page.getByRole('button', { name: msg(lang, 'sandbox-mandates-choose'), exact: true }).click();
}

for (const [i, lang] of (['fi', 'sv'] as Lang[]).entries()) {
  test.describe(`acting for an organisation in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('a managing director acts for her company at once, on her trade-register role', async ({ page }) => {
      await logIn(page, lang, { listed: persons.aino.listed });
      await expectActingFor(page, lang, 'Lähiklinikka Oy', 'basis-managing-director');
      await expect(page.locator('#code-service-status')).toHaveText(msg(lang, 'code-service-current'));
      // The organisation's audit trail names her, the basis, and what she did.
      const trail = page.getByRole('table');
      await expect(trail.getByRole('row').filter({ hasText: msg(lang, 'audit-acting-started') }).first()).toContainText(
        'Aino Virtanen',
      );
      expect(actingOf(persons.aino.hetu)).toContain('3141590-3|trade:toimitusjohtaja');
    });

    test('a pharmacist and a self-employed professional act for themselves', async ({ page }) => {
      await logIn(page, lang, { listed: persons.helena.listed });
      await expectActingFor(page, lang, 'Rantapuiston apteekki', 'basis-pharmacist');
      expect(actingOf(persons.helena.hetu)).toContain('3141753-8|pharmacist');
      await page.getByRole('button', { name: msg(lang, 'logout-button') }).click();
      await logIn(page, lang, { listed: persons.johan.listed });
      await expectActingFor(page, lang, 'Johan Sjöberg (self-employed)', 'basis-self-employed');
      expect(actingOf(persons.johan.hetu)).toContain('3141835-4|self_employed');
    });

    test('a person with a mandate chooses the organisation in Suomi.fi e-Authorizations', async ({ page }) => {
      await logIn(page, lang, { listed: persons.mikko.listed });
      await expect(page).toHaveURL(/\/organisations$/);
      await expect(page.locator('#no-basis')).toHaveText(msg(lang, 'organisations-none'));
      await chooseWithMandate(page, lang, /Lähiklinikka Oy/);
      await expectActingFor(page, lang, 'Lähiklinikka Oy', 'basis-mandate');
      expect(actingOf(persons.mikko.hetu)).toContain('3141590-3|mandate');
    });

    test('a managing director switches between her company and the one that gave it a mandate', async ({ page }) => {
      await logIn(page, lang, { listed: persons.laura.listed });
      await expectActingFor(page, lang, 'Terveysdata Oy', 'basis-managing-director');
      // An IT company, not a health-care organisation: the page says it cannot take services into use.
      await expect(page.locator('#code-service-status')).toHaveText(msg(lang, 'code-service-not-health-care'));
      await page.getByRole('link', { name: msg(lang, 'acting-switch') }).click();
      await chooseWithMandate(page, lang, /Kotihoito Helmi ry/);
      // e-Authorizations does not say the mandate is her company's: the basis reads as any mandate.
      await expectActingFor(page, lang, 'Kotihoito Helmi ry', 'basis-mandate');
      expect(actingOf(persons.laura.hetu)).toContain('3141876-8|mandate');

      await page.getByRole('link', { name: msg(lang, 'acting-switch') }).click();
      await hydrated(page);
      await page.getByRole('button', { name: msg(lang, 'organisations-choose', { name: 'Terveysdata Oy' }) }).click();
      await expectActingFor(page, lang, 'Terveysdata Oy', 'basis-managing-director');
      expect(actingOf(persons.laura.hetu)).toContain('3141671-1|trade:toimitusjohtaja');
    });

    test('a revoked mandate stops working at the next action, with a clear message', async ({ page }, info) => {
      // A mandate of this test's own, so parallel tests cannot disturb it.
      const hetu = testHetu(3 + i, 900 + info.parallelIndex + (info.project.name === 'phone' ? 50 : 0));
      await page.goto('/sandbox/valtuudet-admin');
      const grant = page.locator('form').filter({
        has: page.getByRole('button', { name: msg(lang, 'sandbox-mandates-grant-person') }),
      });
      await grant
        .getByLabel(msg(lang, 'sandbox-mandates-principal'))
        .selectOption({ label: 'Pohjanmaan hyvinvointialue (3141712-4)' });
      await grant.getByLabel(msg(lang, 'sandbox-mandates-holder-hetu')).fill(hetu);
      await grant.getByRole('button').click();
      await expect(page.getByRole('row').filter({ hasText: hetu })).toContainText(msg(lang, 'sandbox-mandates-active'));

      await logIn(page, lang, { hetu, given: 'Valtuutettu', surname: 'Testi' });
      await chooseWithMandate(page, lang, /Pohjanmaan hyvinvointialue/);
      await expectActingFor(page, lang, 'Pohjanmaan hyvinvointialue', 'basis-mandate');

      // The principal revokes the mandate in Suomi.fi (here: the sandbox's page).
      await page.goto('/sandbox/valtuudet-admin');
      const row = page.getByRole('row').filter({ hasText: hetu });
      await row.getByRole('button', { name: msg(lang, 'sandbox-mandates-revoke') }).click();
      await expect(page.getByRole('row').filter({ hasText: hetu })).toContainText(msg(lang, 'sandbox-mandates-revoked'));

      // The next look at the organisation's data is refused, and says why.
      await page.goto('/organisation');
      await expect(page.locator('#refused')).toHaveText(msg(lang, 'error-basis-ended'));
      await expect(page.getByRole('link', { name: msg(lang, 'acting-choose') }).first()).toBeVisible();
      expect(actingOf(hetu)).toBe('');
      expect(deniedOf(hetu)[0]).toBe('see-administrative-content|mandate');
      // e-Authorizations no longer offers the organisation.
      await page.goto('/organisations');
      await page.getByRole('link', { name: msg(lang, 'organisations-mandate-button') }).click();
      await expect(page.getByText(msg(lang, 'sandbox-mandates-none'))).toBeVisible();
    });

    test('a person with no basis sees why and how to get a mandate', async ({ page }) => {
      await logIn(page, lang, { listed: persons.emma.listed });
      await expect(page).toHaveURL(/\/organisations$/);
      await expect(page.locator('#no-basis')).toHaveText(msg(lang, 'organisations-none'));
      await expect(page.getByRole('link', { name: msg(lang, 'suomifi-mandates-link') })).toHaveAttribute(
        'href',
        msg(lang, 'suomifi-mandates-url'),
      );
      await page.getByRole('link', { name: msg(lang, 'organisations-mandate-button') }).click();
      await expect(page.getByText(msg(lang, 'sandbox-mandates-none'))).toBeVisible();
      await page.getByRole('button', { name: msg(lang, 'sandbox-mandates-cancel') }).click();
      await expect(page).toHaveURL(/\/organisations\?mandate=cancelled$/);
      await expect(page.getByRole('alert')).toHaveText(msg(lang, 'organisations-mandate-cancelled'));
      // Organisation pages say what is missing instead of showing anything.
      await page.goto('/organisation');
      await expect(page.locator('#refused')).toHaveText(msg(lang, 'error-choose-organisation'));
      expect(actingOf(persons.emma.hetu)).toBe('');
    });
  });
}
