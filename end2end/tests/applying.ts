// Applying for a service as its applicant does, step by step, and Kanta's decisions on it: shared by
// the journeys and by the guides' pictures (guide-screens.spec.ts).
import { expect, type Page, type Browser } from '@playwright/test';
import { msg, hydrated, type Lang } from './messages';
import { browserLocale, logIn } from './sandbox';
import { sidewaysOverflow } from './device';

/** Kanta's staff in the sandbox. */
export const staff = 'Oskar Berg';

export type Answers = Record<string, string>;

export function answers(oid: string, email: string, lang: Lang): Answers {
  return {
    unit_name: lang === 'fi' ? 'Vastaanotto' : 'Mottagningen',
    unit_oid: oid,
    system_product: 'Potilas Pro',
    system_version: '5.2',
    system_vendor: 'Terveysdata Oy',
    admin_name: 'Hallinto Henkilö',
    admin_email: email,
    admin_phone: '040 123 4567',
    technical_name: 'Tekninen Henkilö',
    technical_email: 'tekninen@terveysdata.example',
    technical_phone: '+358 50 765 4321',
    certificate_name: 'kanta.klinikka.example',
    certificate_valid_until: '2099-12-31',
    archivist_name: lang === 'fi' ? 'Arja Arkisto' : 'Arvid Arkiv',
    archivist_email: 'arkisto@klinikka.example',
    archivist_phone: '040 765 1234',
    production_date: '2099-03-01',
    testing_plan: lang === 'fi' ? 'Yhteistestaus toimittajan kanssa.' : 'Samtestning med leverantören.',
  };
}

/** Starts an application for `services` (message ids) from the dashboard; returns its id. */
export async function start(page: Page, lang: Lang, ...services: string[]): Promise<number> {
  await page.goto('/applications');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'applications-heading'));
  for (const service of services) {
    await page.getByLabel(msg(lang, service), { exact: true }).check();
  }
  await page.getByRole('button', { name: msg(lang, 'applications-start') }).click();
  await expect(page).toHaveURL(/\/applications\/\d+$/);
  await hydrated(page);
  return Number(page.url().split('/').pop());
}

/** Answers the wizard's current step: text fields filled, choices picked; then "next". */
export async function answerStep(page: Page, lang: Lang, fields: Answers, choices: Answers = {}) {
  for (const [name, value] of Object.entries(fields)) {
    await page.locator(`#wizard-${name}`).fill(value);
  }
  for (const [name, value] of Object.entries(choices)) {
    await page.locator(`#wizard-${name}`).selectOption(value);
  }
  await page.locator('.wizard form').getByRole('button', { name: msg(lang, 'wizard-next') }).click();
}

/** Fills the whole application, from the first step to "check your answers", then saves. */
export async function fillApplication(page: Page, lang: Lang, a: Answers, production = true) {
  const heading = page.locator('#wizard-step-heading');
  await expect(heading).toHaveText(msg(lang, 'application-unit-heading'));
  await answerStep(page, lang, { unit_name: a.unit_name, unit_oid: a.unit_oid });
  await expect(heading).toHaveText(msg(lang, 'application-system-heading'));
  await answerStep(page, lang, { system_product: a.system_product, system_version: a.system_version, system_vendor: a.system_vendor }, { system_certification: 'certified' });
  await expect(heading).toHaveText(msg(lang, 'application-contacts-heading'));
  await answerStep(page, lang, {
    admin_name: a.admin_name, admin_email: a.admin_email, admin_phone: a.admin_phone,
    technical_name: a.technical_name, technical_email: a.technical_email, technical_phone: a.technical_phone,
  });
  if (production) {
    await expect(heading).toHaveText(msg(lang, 'application-certificate-heading'));
    await answerStep(page, lang, { certificate_name: a.certificate_name, certificate_valid_until: a.certificate_valid_until });
    // The Patient Data Repository asks for its archivist.
    const archivist = msg(lang, 'application-archivist-heading');
    await expect(heading).toHaveText(new RegExp(`^(${archivist}|${msg(lang, 'application-production-heading')})$`));
    if ((await heading.textContent()) === archivist) {
      await answerStep(page, lang, { archivist_name: a.archivist_name, archivist_email: a.archivist_email, archivist_phone: a.archivist_phone });
    }
    await expect(heading).toHaveText(msg(lang, 'application-production-heading'));
    await answerStep(page, lang, { production_date: a.production_date, testing_plan: a.testing_plan });
  }
  await expect(heading).toHaveText(msg(lang, 'application-check-heading'));
  // The phone number is shown as it will be stored.
  await expect(page.locator('#check-answers')).toContainText(a.admin_phone.replace(/\s/g, '').replace(/^0/, '+358'));
  await saveAndContinue(page, lang);
}

/** The last step's "save and continue": saved, then the application's page again, fresh. */
export async function saveAndContinue(page: Page, lang: Lang) {
  await page.getByRole('button', { name: msg(lang, 'application-save-and-continue') }).click();
  await expect(page).toHaveURL(/\/applications\/\d+$/).catch(async (error) => {
    // Still here: what the page tells the user about the save says why.
    const told = await page.locator('#sync-status').textContent().catch(() => 'nothing');
    throw new Error(`${error.message}\nThe page says: ${told}`);
  });
  await hydrated(page);
}

/** Logs in as Kanta's staff in a browser of its own and gives a decision on the application. */
export async function decide(browser: Browser, lang: Lang, id: number, command: string, fill: { comment?: string; date?: string } = {}) {
  const context = await browser.newContext({ locale: browserLocale[lang] });
  const page = await context.newPage();
  await logIn(page, lang, { listed: staff });
  await page.goto(`/staff/applications/${id}`);
  // The answers (e-mail addresses, OIDs) fit a phone's width without sideways scrolling.
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await sidewaysOverflow(page), `/staff/applications/${id} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });
  const form = page.locator(`#decision-${command}`);
  if (fill.comment) await form.getByLabel(msg(lang, 'staff-comment')).fill(fill.comment);
  if (fill.date) await form.getByLabel(msg(lang, 'staff-go-live')).fill(fill.date);
  await form.getByRole('button').click();
  await expect(page).toHaveURL(new RegExp(`/staff/applications/${id}$`));
  await context.close();
}

