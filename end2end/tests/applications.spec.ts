import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { test, expect, type Page, type Browser } from '@playwright/test';
import { msg, hydrated, type Lang } from './messages';
import { browserLocale, finnishDay, logIn } from './sandbox';
import { answers, answerStep, decide, fillApplication, saveAndContinue, staff, start } from './applying';
import { answersOf, applicationState, historyOf, outboxOf, servicesOf, signatureOf, storedTextHash, testHetu } from './database';

/** Each language takes services into use for an organisation of its own, so runs never meet. */
const clinics = {
  fi: { person: 'Aino Virtanen', organisation: 'Lähiklinikka Oy', oid: '1.2.246.10.31415903.10.1', email: 'aino.e2e@lahiklinikka.example' },
  sv: { person: 'Anna Lindholm', organisation: 'Strandkliniken Ab', oid: '1.2.246.10.31419170.10.1', email: 'anna.e2e@strandkliniken.example' },
};
const pharmacies = {
  fi: { person: 'Helena Mäkinen', organisation: 'Rantapuiston apteekki', oid: '1.2.246.10.31417538.10.2' },
  sv: { person: 'Henrik Norrback', organisation: 'Apoteket Norrback', oid: '1.2.246.10.31419189.10.2' },
};
/** Pharmacies being taken over: no takeover date in Fimea's register until a test registers one. */
const takeovers = {
  fi: { person: 'Leena Aalto', ytunnus: '3141950-9', oid: '1.2.246.10.31419509.10.1' },
  sv: { person: 'Karin Holm', ytunnus: '3141951-7', oid: '1.2.246.10.31419517.10.1' },
};

/** The tester registers the pharmacy's takeover `days` from today in the sandbox's Fimea register. */
async function registerTakeover(page: Page, ytunnus: string, days: number) {
  const answer = await page.request.post(`/sandbox/pharmacy-register/pharmacies/${ytunnus}/takeover`, {
    data: { takeover_on: finnishDay(days).iso },
  });
  expect(answer.status()).toBe(204);
}

/** Mail the sandbox's SMTP receiver caught for `to`. */
async function mailTo(page: Page, to: string): Promise<{ subject: string; body: string }[]> {
  const all: { to: string[]; subject: string; body: string }[] = await (await page.request.get('/sandbox/mail?format=json')).json();
  return all.filter((m) => m.to.includes(to));
}

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`taking services into use in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('a clinic takes the Patient Data Repository into use, is returned once, and goes to production', async ({ page, browser }, info) => {
      test.skip(info.project.name !== 'desktop', 'one run per language: the clinic has one application');
      test.setTimeout(180_000);
      const clinic = clinics[lang];
      await logIn(page, lang, { listed: clinic.person });
      await page.getByRole('link', { name: msg(lang, 'applications-heading') }).click();
      const id = await start(page, lang, 'service-patient-data');
      expect(applicationState(id)).toBe('draft|1');

      const a = answers(clinic.oid, clinic.email, lang);
      // An OID outside the organisation is refused by the server; the wizard goes back to it.
      await answerStep(page, lang, { unit_name: a.unit_name, unit_oid: '1.2.246.10.31416316.10.1' });
      await expect(page.locator('#sync-status')).toContainText(msg(lang, 'error-invalid'));
      await expect(page.locator('#wizard-unit_oid-error')).toHaveText(msg(lang, 'validation-not-own-oid'));
      await page.locator('#wizard-unit_oid').fill('');
      await fillApplication(page, lang, a);

      // A second service unit: one the code service does not know is refused, then a real one.
      const units = page.locator('#units');
      const xray = clinic.oid.replace(/\.1$/, '.2');
      await units.getByLabel(msg(lang, 'application-unit-name'), { exact: true }).fill('Röntgen');
      await units.getByLabel(msg(lang, 'application-unit-oid'), { exact: true }).fill(clinic.oid.replace(/\.1$/, '.12'));
      await units.getByRole('button', { name: msg(lang, 'application-unit-add') }).click();
      await expect(page.locator('#posted-error')).toContainText(msg(lang, 'validation-not-in-register'));
      await expect(units.getByLabel(msg(lang, 'application-unit-name'), { exact: true })).toHaveValue('Röntgen');
      await units.getByLabel(msg(lang, 'application-unit-oid'), { exact: true }).fill(xray);
      await units.getByRole('button', { name: msg(lang, 'application-unit-add') }).click();
      await expect(page.locator('#unit-list')).toContainText(xray);
      await expect(page.locator('#posted-error')).toHaveCount(0);

      // The agreement: the exact text, signed; the PDF carries the hash the database keeps.
      await expect(page.locator('#agreement-text')).toContainText(clinic.organisation);
      await page.getByRole('button', { name: msg(lang, 'agreement-sign') }).click();
      const hash = (await page.locator('#signed-hash').textContent())!;
      expect(signatureOf(id)).toBe(`${hash}|trade:toimitusjohtaja|${clinic.person}`);
      expect(storedTextHash(id)).toBe(hash);
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: msg(lang, 'agreement-download') }).click();
      const file = (await (await download).path())!;
      expect(readFileSync(file).toString('latin1').startsWith('%PDF-1.7')).toBe(true);
      // As a viewer reads it (poppler): the hash is in its text.
      expect(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString()).toContain(hash);

      await page.getByRole('button', { name: msg(lang, 'application-command-submit') }).click();
      await expect(page.locator('.lead .badge')).toHaveText(msg(lang, 'application-state-submitted'));
      expect(applicationState(id)).toMatch(/^submitted\|/);
      await expect.poll(async () => (await mailTo(page, clinic.email)).length).toBe(1);
      expect((await mailTo(page, clinic.email))[0].subject).toContain(msg(lang, 'service-patient-data'));

      // The desk's queue filters by service, state and age (GET form, so the address says it).
      {
        const context = await browser.newContext({ locale: browserLocale[lang] });
        const desk = await context.newPage();
        await logIn(desk, lang, { listed: staff });
        const row = desk.locator('#queue tbody tr', { hasText: clinic.organisation });
        const filter = async (service: string, state: string, age: string) => {
          await desk.goto('/staff');
          await desk.getByLabel(msg(lang, 'staff-filter-service'), { exact: true }).selectOption(service);
          await desk.getByLabel(msg(lang, 'staff-filter-state'), { exact: true }).selectOption(state);
          await desk.getByLabel(msg(lang, 'staff-filter-age'), { exact: true }).fill(age);
          await desk.getByRole('button', { name: msg(lang, 'staff-filter-apply') }).click();
          await expect(desk).toHaveURL(new RegExp(`service=${service}&state=${state}&age=${age}`));
        };
        await filter('patient-data', 'submitted', '0');
        await expect(row).toHaveCount(1);
        await expect(row).toContainText(msg(lang, 'application-state-submitted'));
        await filter('client-data-archive', 'submitted', '0');
        await expect(row).toHaveCount(0);
        await filter('patient-data', 'in-production', '0');
        await expect(row).toHaveCount(0);
        await filter('patient-data', 'submitted', '1');
        await expect(row).toHaveCount(0);
        await context.close();
      }

      // Kanta returns it with a comment; the applicant sees it, mail says it, and the fix goes back.
      const comment = lang === 'fi' ? 'Tarkentakaa testaussuunnitelma.' : 'Precisera testplanen.';
      await decide(browser, lang, id, 'return', { comment });
      await page.reload();
      await expect(page.locator('#returned-comment')).toContainText(comment);
      await expect.poll(async () => (await mailTo(page, clinic.email)).map((m) => m.body).join()).toContain(comment);
      await page.goto(`/applications/${id}?step=production`);
      await hydrated(page);
      await answerStep(page, lang, { testing_plan: `${a.testing_plan} 2` });
      await saveAndContinue(page, lang);
      await page.getByRole('button', { name: msg(lang, 'application-command-submit') }).click();
      await expect(page.locator('.lead .badge')).toHaveText(msg(lang, 'application-state-submitted'));

      // Through joint testing to production.
      await decide(browser, lang, id, 'start-joint-testing');
      await decide(browser, lang, id, 'record-test-result', { comment: 'OK' });
      await decide(browser, lang, id, 'approve', { date: '2099-03-01' });
      await decide(browser, lang, id, 'go-live');
      expect(applicationState(id)).toMatch(/^in-production\|/);
      expect(historyOf(id)).toEqual(['created', 'unit-added', 'signed', 'submit', 'return', 'submit', 'start-joint-testing', 'record-test-result', 'approve', 'go-live']);
      await page.goto(`/applications/${id}`);
      await expect(page.locator('#timeline li')).toHaveCount(10);
      await page.goto('/applications');
      await expect(page.locator('#services-in-use')).toContainText(msg(lang, 'service-patient-data'));

      // In production, the application's contacts and technical data are the clinic's own. The only
      // technical contact cannot be ended, and the page says so before anyone tries.
      await page.locator('#customer-data-nav').click();
      const technicalContact = page.locator('#contacts li.item', { hasText: a.technical_name });
      await expect(technicalContact.locator('.sole-contact')).toHaveText(msg(lang, 'contact-sole'));
      await expect(technicalContact.getByRole('button', { name: msg(lang, 'contact-end') })).toHaveCount(0);
      await expect(page.locator('#technical')).toContainText(a.unit_oid);
      await expect(page.locator('#technical')).toContainText(xray);
      // A new service unit, reported three weeks ahead (the earliest day is filled in); the desk is told.
      const unitOid = clinic.oid.replace(/\.1$/, '.3');
      const add = page.locator('#add-technical');
      await add.locator('summary').click();
      await add.getByLabel(msg(lang, 'technical-kind'), { exact: true }).selectOption('unit');
      await add.getByLabel(msg(lang, 'technical-name'), { exact: true }).fill('Laboratorio');
      await add.getByLabel(msg(lang, 'technical-oid'), { exact: true }).fill(unitOid);
      await add.getByRole('button', { name: msg(lang, 'technical-add') }).click();
      await expect(page.locator('#posted-error')).toHaveCount(0);
      await expect(page.locator('#technical')).toContainText(unitOid);
      const desk = await (await browser.newContext({ locale: browserLocale[lang] })).newPage();
      await logIn(desk, lang, { listed: staff });
      await desk.goto('/staff');
      const notice = desk.locator('#notices li', { hasText: clinic.organisation });
      await expect(notice).toContainText(unitOid);
      await notice.getByRole('button', { name: msg(lang, 'notice-handled') }).click();
      await expect(desk.locator('#notices li', { hasText: clinic.organisation })).toHaveCount(0);
    });

    test('answers given offline are saved when the network is back, and a newer save elsewhere is not overwritten unasked', async ({ page, context, browser }, info) => {
      test.skip(info.project.name !== 'desktop', 'one run per language: the clinic has one ePrescription application');
      test.setTimeout(120_000);
      const clinic = clinics[lang];
      await logIn(page, lang, { listed: clinic.person });
      const id = await start(page, lang, 'service-eprescription');
      const heading = page.locator('#wizard-step-heading');
      const status = page.locator('#sync-status');
      await answerStep(page, lang, { unit_name: 'Vastaanotto', unit_oid: clinic.oid });
      // The page said "saved" before the first step too: wait for the server's copy.
      await expect.poll(() => applicationState(id)).toBe('draft|2');
      await expect(status).toHaveText(msg(lang, 'application-sync-saved'));

      // Offline: the step's answers stay on the device and the user is told so.
      await context.setOffline(true);
      await answerStep(page, lang, { system_product: 'Offline Pro', system_version: '1.0', system_vendor: 'Toimittaja Oy' }, { system_certification: 'certified' });
      await expect(heading).toHaveText(msg(lang, 'application-contacts-heading'));
      await expect(status).toHaveText(msg(lang, 'application-sync-on-device'));
      expect(applicationState(id)).toBe('draft|2');
      // Back online: sent without the user doing anything.
      await context.setOffline(false);
      await expect(status).toHaveText(msg(lang, 'application-sync-saved'));
      expect(applicationState(id)).toBe('draft|3');
      expect(answersOf(id).system_product).toBe('Offline Pro');

      // Offline again; meanwhile someone saves a change from another browser.
      await context.setOffline(true);
      await answerStep(page, lang, {
        admin_name: 'Laitteen Nimi', admin_email: clinic.email, admin_phone: '040 111 2222',
        technical_name: 'Tekninen', technical_email: 'tekninen@example.fi', technical_phone: '040 333 4444',
      });
      await expect(status).toHaveText(msg(lang, 'application-sync-on-device'));
      const other = await browser.newContext({ locale: browserLocale[lang] });
      const otherPage = await other.newPage();
      await logIn(otherPage, lang, { listed: clinic.person });
      const saved = await otherPage.request.post('/api/applications/save', {
        form: { id: String(id), version: '3', 'answers[unit_name]': 'Toisen muutos' },
        headers: { accept: 'application/json', origin: new URL(page.url()).origin },
      });
      expect(saved.status()).toBe(200);
      await other.close();
      expect(applicationState(id)).toBe('draft|4');

      // Back online: the device's answers were made on version 3, so the user is asked.
      await context.setOffline(false);
      await expect(status).toContainText(msg(lang, 'application-sync-conflict'));
      expect(answersOf(id).unit_name).toBe('Toisen muutos');
      await page.getByRole('button', { name: msg(lang, 'application-keep-mine') }).click();
      await expect(status).toHaveText(msg(lang, 'application-sync-saved'));
      expect(applicationState(id)).toBe('draft|5');
      const stored = answersOf(id);
      expect([stored.unit_name, stored.admin_name, stored.admin_phone]).toEqual(['Vastaanotto', 'Laitteen Nimi', '+358401112222']);
    });

    test('one application for two services; one is taken off before sending', async ({ page }, info) => {
      test.skip(info.project.name !== 'desktop', 'one run per language: the clinic has one application for these services');
      const clinic = clinics[lang];
      await logIn(page, lang, { listed: clinic.person });
      const id = await start(page, lang, 'service-imaging', 'service-client-data-archive');
      const heading = page.locator('#application-heading');
      await expect(heading).toHaveText(`${msg(lang, 'service-imaging')}, ${msg(lang, 'service-client-data-archive')}`);
      expect(servicesOf(id)).toBe('imaging,client-data-archive');
      // The dashboard's task list names the draft by its services and leads to it.
      await page.goto('/applications');
      const names = `${msg(lang, 'service-imaging')}, ${msg(lang, 'service-client-data-archive')}`;
      const task = page.locator('#tasks a', { hasText: msg(lang, 'task-finish-draft', { service: names }) });
      await expect(task).toHaveCount(1);
      await task.click();
      await expect(page).toHaveURL(new RegExp(`/applications/${id}$`));
      // Imaging needs the Patient Data Repository in use (or on the same application).
      await expect(page.locator('#unmet')).toContainText(msg(lang, 'service-patient-data'));

      await page.locator('#change-services summary').click();
      await page.locator('#change-services').getByLabel(msg(lang, 'service-imaging'), { exact: true }).uncheck();
      await page.getByRole('button', { name: msg(lang, 'application-save-services') }).click();
      await expect(heading).toHaveText(msg(lang, 'service-client-data-archive'));
      await expect(page.locator('#unmet')).toHaveCount(0);
      expect(servicesOf(id)).toBe('client-data-archive');
      expect(historyOf(id)).toEqual(['created', 'services-changed']);
      await expect(page.locator('#timeline')).toContainText(msg(lang, 'history-services-changed'));
      // Leave nothing open: the other journeys may apply for these services.
      await page.getByRole('button', { name: msg(lang, 'application-command-withdraw') }).click();
      await expect(page.locator('.lead .badge')).toHaveText(msg(lang, 'application-state-withdrawn'));
    });

    test('a pharmacist takes ePrescription into use', async ({ page }, info) => {
      test.skip(info.project.name !== 'phone', 'one run per language, on a phone');
      test.setTimeout(120_000);
      const pharmacy = pharmacies[lang];
      await logIn(page, lang, { listed: pharmacy.person });
      const id = await start(page, lang, 'service-eprescription-pharmacy');
      await fillApplication(page, lang, answers(pharmacy.oid, `apteekki.${lang}@example.fi`, lang));
      await page.getByRole('button', { name: msg(lang, 'agreement-sign') }).click();
      expect(signatureOf(id)).toMatch(/\|pharmacist\|/);
      await page.getByRole('button', { name: msg(lang, 'application-command-submit') }).click();
      await expect(page.locator('.lead .badge')).toHaveText(msg(lang, 'application-state-submitted'));
      expect(applicationState(id)).toMatch(/^submitted\|/);
    });

    test('a pharmacy being taken over applies for Prescription 30 days before the takeover, not 31', async ({ page }, info) => {
      test.skip(info.project.name !== 'desktop', 'one run per language: the pharmacy has one application');
      test.setTimeout(120_000);
      const pharmacy = takeovers[lang];
      await logIn(page, lang, { listed: pharmacy.person });
      const id = await start(page, lang, 'service-eprescription-pharmacy');
      await fillApplication(page, lang, answers(pharmacy.oid, `haltuunotto.${lang}@example.fi`, lang));
      await page.getByRole('button', { name: msg(lang, 'agreement-sign') }).click();
      const unmet = page.locator('#unmet');
      const send = page.getByRole('button', { name: msg(lang, 'application-command-submit') });
      await expect(unmet).toContainText(msg(lang, 'prerequisite-takeover-registered'));
      await expect(send).toHaveCount(0);

      await registerTakeover(page, pharmacy.ytunnus, 31);
      await page.reload();
      await expect(unmet).toContainText(
        msg(lang, 'prerequisite-takeover-near', { days: 30, opens: finnishDay(1).local, takeover: finnishDay(31).local }),
      );
      await expect(send).toHaveCount(0);

      await registerTakeover(page, pharmacy.ytunnus, 30);
      await page.reload();
      await expect(unmet).toHaveCount(0);
      await send.click();
      await expect(page.locator('.lead .badge')).toHaveText(msg(lang, 'application-state-submitted'));
      expect(applicationState(id)).toMatch(/^submitted\|/);
    });

    test('"save and continue" pressed while the device is still forgetting its copy is not lost', async ({ page }, info) => {
      test.skip(info.project.name !== 'phone', 'one run per language: the pharmacy has one test-environment application');
      test.setTimeout(120_000);
      const pharmacy = pharmacies[lang];
      await logIn(page, lang, { listed: pharmacy.person });
      const id = await start(page, lang, 'service-test-environment');
      const a = answers(pharmacy.oid, `testi.${lang}@example.fi`, lang);
      const heading = page.locator('#wizard-step-heading');
      await answerStep(page, lang, { unit_name: a.unit_name, unit_oid: a.unit_oid });
      await expect(heading).toHaveText(msg(lang, 'application-system-heading'));
      await answerStep(page, lang, { system_product: a.system_product, system_version: a.system_version, system_vendor: a.system_vendor }, { system_certification: 'certified' });
      await expect(heading).toHaveText(msg(lang, 'application-contacts-heading'));
      // Once the system step is on the server and off the device, the device's store is kept
      // busy, so forgetting the copy after the next save waits.
      await expect.poll(() => applicationState(id)).toBe('draft|3');
      await expect.poll(() => page.evaluate(async (key) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('kanta', 1);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const stored = await new Promise((resolve) => {
          const request = db.transaction('drafts', 'readonly').objectStore('drafts').get(key);
          request.onsuccess = () => resolve(request.result);
        });
        if (stored !== undefined) return 'kept';
        const store = db.transaction('drafts', 'readwrite').objectStore('drafts');
        (window as any).busy = true;
        const spin = () => { if ((window as any).busy) store.get('nothing').onsuccess = spin; };
        spin();
        return 'busy';
      }, `application-${id}`)).toBe('busy');
      await answerStep(page, lang, {
        admin_name: a.admin_name, admin_email: a.admin_email, admin_phone: a.admin_phone,
        technical_name: a.technical_name, technical_email: a.technical_email, technical_phone: a.technical_phone,
      });
      await expect(heading).toHaveText(msg(lang, 'application-check-heading'));
      // The contacts are on the server; the device is still forgetting its copy when the user goes on.
      await expect.poll(() => applicationState(id)).toBe('draft|4');
      await expect(page.locator('#sync-status')).toHaveText(msg(lang, 'application-sync-saved'));
      await page.getByRole('button', { name: msg(lang, 'application-save-and-continue') }).click();
      await page.evaluate(() => { (window as any).busy = false; });
      await expect(page).toHaveURL(/\/applications\/\d+$/);
      await hydrated(page);
      expect(applicationState(id)).toBe('draft|5');
      await expect(page.getByRole('button', { name: msg(lang, 'agreement-sign') })).toBeVisible();
    });

    test('a person whose mandate was revoked cannot send the application', async ({ page }, info) => {
      test.skip(info.project.name !== 'desktop', 'one run per language');
      test.setTimeout(120_000);
      const hetu = testHetu(10 + (lang === 'fi' ? 0 : 1), 960);
      await page.goto('/sandbox/valtuudet-admin');
      const grant = page.locator('form').filter({ has: page.getByRole('button', { name: msg(lang, 'sandbox-mandates-grant-person') }) });
      await grant.getByLabel(msg(lang, 'sandbox-mandates-principal')).selectOption({ label: 'Pohjanmaan hyvinvointialue (3141712-4)' });
      await grant.getByLabel(msg(lang, 'sandbox-mandates-holder-hetu')).fill(hetu);
      await grant.getByRole('button').click();
      await logIn(page, lang, { hetu, given: 'Valtuutettu', surname: 'Hakija' });
      await page.getByRole('link', { name: msg(lang, 'organisations-mandate-button') }).click();
      await page.getByLabel(/Pohjanmaan hyvinvointialue/).check();
      await page.getByRole('button', { name: msg(lang, 'sandbox-mandates-choose'), exact: true }).click();
      const service = lang === 'fi' ? 'service-eprescription' : 'service-client-data-archive';
      const id = await start(page, lang, service);
      await fillApplication(page, lang, answers('1.2.246.10.31417124.10.3', `valtuutettu.${lang}@example.fi`, lang));
      await page.getByRole('button', { name: msg(lang, 'agreement-sign') }).click();
      await expect(page.locator('#signed')).toBeVisible();

      // The principal revokes the mandate before the application is sent.
      await page.goto('/sandbox/valtuudet-admin');
      await page.getByRole('row').filter({ hasText: hetu }).getByRole('button', { name: msg(lang, 'sandbox-mandates-revoke') }).click();
      await page.goto(`/applications/${id}`);
      await expect(page.locator('#refused')).toHaveText(msg(lang, 'error-basis-ended'));
      const answer = await page.request.post('/api/applications/command', {
        form: { id: String(id), version: applicationState(id).split('|')[1], command: 'submit' },
        headers: { accept: 'application/json', origin: new URL(page.url()).origin },
      });
      expect(answer.status()).not.toBe(200);
      expect(applicationState(id)).toMatch(/^draft\|/);
    });
  });
}

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`an application without JavaScript in ${lang}`, () => {
    test.use({ javaScriptEnabled: false, locale: browserLocale[lang] });

    test('the test environment is applied for with plain forms: steps, a refused answer, saving, signing, sending', async ({ page }, info) => {
      test.skip(info.project.name !== 'desktop', 'one run per language: the clinic has one test-environment application');
      test.setTimeout(120_000);
      const clinic = clinics[lang];
      await logIn(page, lang, { listed: clinic.person });
      await page.goto('/applications');
      await page.getByLabel(msg(lang, 'service-test-environment'), { exact: true }).check();
      await page.getByRole('button', { name: msg(lang, 'applications-start') }).click();
      await expect(page).toHaveURL(/\/applications\/\d+$/);
      const id = Number(page.url().split('/').pop());
      const a = answers(clinic.oid, clinic.email, lang);
      const heading = page.locator('#wizard-step-heading');
      await answerStep(page, lang, { unit_name: a.unit_name, unit_oid: a.unit_oid });
      await answerStep(page, lang, { system_product: a.system_product, system_version: a.system_version, system_vendor: a.system_vendor }, { system_certification: 'in-certification' });
      // The server checks the step as the browser would have: a bad phone number stays on the step.
      await answerStep(page, lang, {
        admin_name: a.admin_name, admin_email: a.admin_email, admin_phone: '12345',
        technical_name: a.technical_name, technical_email: a.technical_email, technical_phone: a.technical_phone,
      });
      await expect(heading).toHaveText(msg(lang, 'application-contacts-heading'));
      await expect(page.locator('#wizard-admin_phone-error')).toHaveText(msg(lang, 'validation-phone-no-area-code'));
      await answerStep(page, lang, { admin_phone: a.admin_phone });
      await expect(heading).toHaveText(msg(lang, 'application-check-heading'));
      expect(applicationState(id)).toBe('draft|1');
      await page.getByRole('button', { name: msg(lang, 'application-save-and-continue') }).click();
      await expect(page).toHaveURL(new RegExp(`/applications/${id}$`));
      expect(applicationState(id)).toBe('draft|2');
      expect(answersOf(id).admin_phone).toBe('+358401234567');
      await page.getByRole('button', { name: msg(lang, 'agreement-sign') }).click();
      await expect(page.locator('#signed-hash')).toHaveText(signatureOf(id).split('|')[0]);
      await page.getByRole('button', { name: msg(lang, 'application-command-submit') }).click();
      await expect(page.locator('.lead .badge')).toHaveText(msg(lang, 'application-state-submitted'));
      expect(applicationState(id)).toBe('submitted|4');
    });
  });
}

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`answers as people type them in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('a refused OID or phone number says why; a professional\'s own OID and printed numbers are taken', async ({ page }, info) => {
      test.skip(info.project.name !== 'desktop', 'one run per language: the professional has one application per service');
      test.setTimeout(120_000);
      const service = lang === 'fi' ? 'service-test-environment' : 'service-imaging';
      await logIn(page, lang, { listed: 'Johan Sjöberg' });
      const id = await start(page, lang, service);
      const heading = page.locator('#wizard-step-heading');
      // A business ID's leading zero kept in the OID: refused, with the canonical form.
      await answerStep(page, lang, { unit_name: 'Mottagning', unit_oid: '1.2.246.10.031418354.10.1' });
      await expect(page.locator('#wizard-unit_oid-error')).toHaveText(
        msg(lang, 'validation-oid-leading-zero-suggestion', { suggestion: '1.2.246.10.31418354.10.1' }),
      );
      // The code service ties this OID, outside 1.2.246.10.<business ID>, to the professional.
      await answerStep(page, lang, { unit_oid: '1.2.246.537.10.91835401.1' });
      await expect(heading).toHaveText(msg(lang, 'application-system-heading'));
      await answerStep(page, lang, { system_product: 'Potilas Pro', system_version: '5.2', system_vendor: 'Terveysdata Oy' }, { system_certification: 'certified' });
      await expect(heading).toHaveText(msg(lang, 'application-contacts-heading'));
      await answerStep(page, lang, {
        admin_name: 'Johan Sjöberg', admin_email: `johan.${lang}@sjoberg.example`, admin_phone: '+358 40 12',
        technical_name: 'Tekninen Henkilö', technical_email: 'tekninen@terveysdata.example', technical_phone: '040 12a 4567',
      });
      await expect(page.locator('#wizard-admin_phone-error')).toHaveText(msg(lang, 'validation-phone-too-few-digits'));
      await expect(page.locator('#wizard-technical_phone-error')).toHaveText(msg(lang, 'validation-phone-character'));
      // As Finnish companies print them, and as a phone's contacts app copies one.
      await answerStep(page, lang, { admin_phone: '+358 (0)40 123 4567', technical_phone: '\u202a+358 (0) 10 44 88 000\u202c' });
      await expect(heading).not.toHaveText(msg(lang, 'application-contacts-heading'));
      await expect.poll(() => answersOf(id).technical_phone).toBe('+358104488000');
      expect(answersOf(id)).toMatchObject({ unit_oid: '1.2.246.537.10.91835401.1', admin_phone: '+358401234567' });
    });
  });
}

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`undeliverable mail in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('mail the relay refuses is listed for staff, who send it again', async ({ page, browser }, info) => {
      test.skip(info.project.name !== 'desktop', 'one run per language: the professional has one application per service');
      test.setTimeout(120_000);
      // A self-employed physician; each language applies for a service of its own.
      const service = lang === 'fi' ? 'service-patient-data' : 'service-eprescription';
      const address = `johan.${lang}@undeliverable.example`;
      await logIn(page, lang, { listed: 'Johan Sjöberg' });
      const id = await start(page, lang, service);
      await fillApplication(page, lang, answers('1.2.246.10.31418354.10.1', address, lang));
      await page.getByRole('button', { name: msg(lang, 'agreement-sign') }).click();
      await expect(page.locator('#signed-hash')).not.toBeEmpty();
      await page.getByRole('button', { name: msg(lang, 'application-command-submit') }).click();
      await expect(page.locator('.lead .badge')).toHaveText(msg(lang, 'application-state-submitted'));
      expect(applicationState(id)).toMatch(/^submitted\|/);
      // The sandbox relay refuses the mailbox for good (550): given up on the first attempt.
      await expect.poll(() => outboxOf(address).split('|').slice(0, 2).join('|')).toBe('1|1');
      const before = outboxOf(address);

      const context = await browser.newContext({ locale: browserLocale[lang] });
      const desk = await context.newPage();
      await logIn(desk, lang, { listed: staff });
      await desk.goto('/staff');
      await desk.locator('#staff-mail-link').click();
      await expect(desk.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'staff-mail-heading'));
      const row = desk.locator('#undelivered-mail tr', { hasText: address });
      await expect(row).toContainText(msg(lang, 'staff-mail-undeliverable'));
      await expect(row).toContainText('550');
      await row.getByRole('button', { name: msg(lang, 'staff-mail-again') }).click();
      await expect(desk).toHaveURL(/\/staff\/mail$/);
      // Tried once more (and refused again): a new attempt, after the one before.
      await expect.poll(() => outboxOf(address)).not.toBe(before);
      await expect.poll(() => outboxOf(address).split('|').slice(0, 2).join('|')).toBe('1|1');
      await context.close();
    });
  });
}
