import { test, expect } from '@playwright/test';
import { msg, type Lang } from './messages';
import { axeProblems } from './axe';
import { browserLocale, logIn } from './sandbox';
import { applicationState, historyOf } from './database';

/** Each language's pair of clinics joins jointly once, so the runs never meet. */
const pairs = {
  fi: {
    main: { person: 'Veera Laine', name: 'Yhteisklinikka Oy', ytunnus: '3141954-1', oid: '1.2.246.10.31419541.10' },
    co: { person: 'Olli Mäkinen', name: 'Pikkuklinikka Oy', ytunnus: '3141956-8' },
  },
  sv: {
    main: { person: 'Sara Holmström', name: 'Huvudkliniken Ab', ytunnus: '3141957-6', oid: '1.2.246.10.31419576.10' },
    co: { person: 'Mikael Nyström', name: 'Lillkliniken Ab', ytunnus: '3141958-4' },
  },
};

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`joint joining in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('a main joiner and a co-joiner go through joint joining together', async ({ page, browser }, info) => {
      test.skip(info.project.name !== 'desktop', 'one run per language: each pair joins once');
      test.setTimeout(120_000);
      const { main, co } = pairs[lang];
      await logIn(page, lang, { listed: main.person });
      await expect(page).toHaveURL(/\/organisation$/);
      // The application's answers as the wizard would save them (the wizard has journeys of its own).
      const origin = new URL(page.url()).origin;
      const call = (path: string, form: Record<string, string>) =>
        page.request.post(path, { form, headers: { accept: 'application/json', origin } });
      const id = Number(await (await call('/api/applications/start', { 'services[patient-data]': 'on' })).text());
      const answers: Record<string, string> = {
        unit_name: `${main.name}, vastaanotto`, unit_oid: `${main.oid}.1`, system_product: 'Potilas Pro', system_version: '5.2',
        system_vendor: 'Terveysdata Oy', system_certification: 'certified', admin_name: main.person, admin_email: 'hallinto@joint.example',
        admin_phone: '040 123 4567', technical_name: 'Tekninen Tuki', technical_email: 'tekninen@joint.example', technical_phone: '050 765 4321',
        certificate_name: 'kanta.joint.example', certificate_valid_until: '2099-12-31', archivist_name: 'Arja Arkisto',
        archivist_email: 'arkisto@joint.example', archivist_phone: '040 765 1234', production_date: '2099-03-01', testing_plan: 'Yhteistestaus.',
      };
      const form = Object.fromEntries(Object.entries(answers).map(([k, v]) => [`answers[${k}]`, v]));
      expect((await call('/api/applications/save', { id: String(id), version: '1', ...form })).status()).toBe(200);

      // The main joiner names its co-joiner by business ID and signs its own agreement.
      await page.goto(`/applications/${id}`);
      await page.getByLabel(msg(lang, 'joint-ytunnus')).fill(co.ytunnus);
      await page.locator('#invite-co-joiner-button').click();
      await expect(page.locator('#co-joiner-list')).toContainText(co.ytunnus);
      await expect(page.locator('#co-joiner-list')).toContainText(msg(lang, 'joint-waiting'));
      expect(await axeProblems(page, `/applications/${id}`)).toEqual([]);
      await page.getByRole('button', { name: msg(lang, 'agreement-sign') }).click();
      await expect(page.locator('#unmet')).toContainText(msg(lang, 'prerequisite-co-joiners-signed'));
      await expect(page.getByRole('button', { name: msg(lang, 'application-command-submit') })).toHaveCount(0);

      // The co-joiner's own managing director sees whose connection point and system it uses, and signs.
      const coContext = await browser.newContext({ locale: browserLocale[lang] });
      const coPage = await coContext.newPage();
      await logIn(coPage, lang, { listed: co.person });
      await coPage.goto('/applications');
      await expect(coPage.locator('#memberships .joint-main')).toHaveText(`${main.name} (${main.ytunnus})`);
      await expect(coPage.locator('#memberships .joint-systems')).toContainText('Potilas Pro 5.2');
      expect(await axeProblems(coPage, '/applications')).toEqual([]);
      await coPage.getByRole('link', { name: msg(lang, 'joint-read-and-sign') }).click();
      await expect(coPage.locator('#acceptance-text')).toContainText(`${co.name} (${co.ytunnus})`);
      await expect(coPage.locator('#acceptance-text')).toContainText(`${main.name} (${main.ytunnus})`);
      expect(await axeProblems(coPage, coPage.url())).toEqual([]);
      await coPage.locator('#joint-sign').click();
      await expect(coPage.locator('#joint-signed')).toContainText(co.person);
      await coContext.close();

      // Now the main joiner sends it; staff see the group on the one application.
      await page.reload();
      await expect(page.locator('#co-joiner-list')).toContainText(`${co.name} (${co.ytunnus})`);
      await page.getByRole('button', { name: msg(lang, 'application-command-submit') }).click();
      await expect(page.locator('.lead .badge')).toHaveText(msg(lang, 'application-state-submitted'));
      expect(applicationState(id)).toMatch(/^submitted\|/);
      expect(historyOf(id)).toEqual(expect.arrayContaining(['co-joiner-added', 'co-joiner-signed', 'submit']));
      const staff = await (await browser.newContext({ locale: browserLocale[lang] })).newPage();
      await logIn(staff, lang, { listed: 'Oskar Berg' });
      await staff.goto(`/staff/applications/${id}`);
      await expect(staff.locator('#co-joiner-list')).toContainText(`${co.name} (${co.ytunnus})`);
      await expect(staff.locator('#co-joiner-list')).toContainText(co.person);
    });
  });
}
