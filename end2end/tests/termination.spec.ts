import { execFileSync } from 'node:child_process';
import { test, expect, type Page } from '@playwright/test';
import { msg, type Lang } from './messages';
import { axeProblems } from './axe';
import { browserLocale, finnishDay, logIn } from './sandbox';
import { applicationState, historyOf, inProduction, noticeEndsOn } from './database';

/** Each language's clinic ends its own services, so the runs never meet. */
const clinics = {
  fi: { person: 'Tuulikki Koivisto', name: 'Tuulikin lääkäriasema Oy', hetu: '180584-9853', ytunnus: '3141952-5', email: 'tuulikki.e2e@lahiasema.example' },
  sv: { person: 'Henrik Strand', name: 'Hamnens läkarstation Ab', hetu: '290971-9863', ytunnus: '3141953-3', email: 'henrik.e2e@hamnen.example' },
};

/** Mail the sandbox's SMTP receiver caught for `to`. */
async function mailTo(page: Page, to: string): Promise<{ subject: string; body: string }[]> {
  const all: { to: string[]; subject: string; body: string }[] = await (await page.request.get('/sandbox/mail?format=json')).json();
  return all.filter((m) => m.to.includes(to));
}

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`ending services in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('a clinic ends its Imaging service and then its whole relationship', async ({ page, browser }, info) => {
      test.skip(info.project.name !== 'desktop', 'one run per language: the clinic ends its services once');
      test.setTimeout(180_000);
      const clinic = clinics[lang];
      await logIn(page, lang, { listed: clinic.person });
      await expect(page).toHaveURL(/\/organisation$/);
      const repository = inProduction(clinic.ytunnus, clinic.hetu, 'patient-data', clinic.email, lang);
      const imaging = inProduction(clinic.ytunnus, clinic.hetu, 'imaging', clinic.email, lang);
      const staffContext = await browser.newContext({ locale: browserLocale[lang] });
      const staff = await staffContext.newPage();
      await logIn(staff, lang, { listed: 'Oskar Berg' });
      const lastDay = finnishDay(1);

      for (const id of [imaging, repository]) {
        // The clinic chooses the last day, reads the exact notice and signs it.
        await page.goto(`/applications/${id}`);
        await page.getByLabel(msg(lang, 'notice-end-on')).fill(lastDay.iso);
        await page.getByRole('button', { name: msg(lang, 'notice-show') }).click();
        await expect(page.locator('#notice-to-sign')).toContainText(lastDay.local);
        await expect(page.locator('#notice-to-sign')).toContainText(clinic.person);
        await page.getByRole('button', { name: msg(lang, 'notice-sign') }).click();
        await expect(page.locator('#notice-given')).toContainText(lastDay.local);
        expect(applicationState(id)).toMatch(/^in-production\|/);
        expect(await axeProblems(page, `/applications/${id}`)).toEqual([]);
        // The signed notice as a viewer reads it (poppler): the text and its hash.
        const download = page.waitForEvent('download');
        await page.locator('#notice-pdf').click();
        const notice = execFileSync('pdftotext', ['-enc', 'UTF-8', (await (await download).path())!, '-']).toString();
        expect(notice).toContain((await page.locator('#notice-hash').textContent())!);
        expect(notice).toContain(clinic.ytunnus);

        // Staff find it waiting and confirm it: ending, still in use until the last day.
        await staff.goto('/staff');
        await staff.locator('#terminations').getByRole('link', { name: new RegExp(`^${clinic.name} – `) }).click();
        await expect(staff).toHaveURL(new RegExp(`/staff/applications/${id}$`));
        await staff.locator('#command-confirm-notice').click();
        await expect(staff.locator('.lead .badge')).toHaveText(msg(lang, 'application-state-ending'));
        expect(await axeProblems(staff, `/staff/applications/${id}`)).toEqual([]);
        await page.goto('/applications');
        await expect(page.locator('#relationship-ended')).toHaveCount(0);

        // The last day passes; staff end it.
        noticeEndsOn(id, finnishDay(-1).iso);
        await staff.reload();
        await staff.locator('#command-end').click();
        await expect(staff.locator('.lead .badge')).toHaveText(msg(lang, 'application-state-ended'));
        expect(applicationState(id)).toMatch(/^ended\|/);
        expect(historyOf(id).slice(-3)).toEqual(['notice-given', 'confirm-notice', 'end']);
      }

      // Its last service ended, the clinic's customer relationship has ended; the mail says so.
      await page.goto('/applications');
      await expect(page.locator('#relationship-ended')).toHaveText(msg(lang, 'relationship-ended'));
      await expect.poll(async () => (await mailTo(page, clinic.email)).map((m) => m.subject)).toContain(
        msg(lang, 'mail-relationship-ended-subject'),
      );
      await staffContext.close();
    });
  });
}
