import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { axeProblems } from './axe';
import { msg, type Lang } from './messages';
import { browserLocale, logIn } from './sandbox';
import { billingRows, contactOf } from './database';

/** Each language works for an organisation of its own, so parallel runs never meet. */
const customers = {
  fi: { person: 'Aino Virtanen', businessId: '3141590-3', contact: 'Kaisa Laskuttaja', prefix: 'E2E-FI' },
  sv: { person: 'Anna Lindholm', businessId: '3141917-0', contact: 'Karin Fakturering', prefix: 'E2E-SV' },
};
const staff = 'Oskar Berg';
const header = 'invoice_number;business_id;service;period;issued_on;due_on;description;quantity;unit_price';

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`customer data and billing in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('contacts are added, changed and ended with their history; the data is confirmed', async ({ page }, info) => {
      test.skip(info.project.name !== 'desktop', 'one run per language: the contact is the organisation\'s');
      // A long journey (about 18 s on an idle machine): room for a loaded one.
      test.setTimeout(90_000);
      const c = customers[lang];
      await logIn(page, lang, { listed: c.person });
      await page.locator('#customer-data-nav').click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'customer-data-heading'));

      // A bad phone number is refused by the server, nothing is saved.
      const add = page.locator('#add-contact');
      await add.locator('summary').click();
      await add.getByLabel(msg(lang, 'contact-kind')).selectOption('billing');
      await add.getByLabel(msg(lang, 'contact-name')).fill(c.contact);
      await add.getByLabel(msg(lang, 'contact-email')).fill('Laskut@Example.FI');
      await add.getByLabel(msg(lang, 'contact-phone')).fill('12345');
      await add.getByRole('button', { name: msg(lang, 'contact-add') }).click();
      await expect(page.locator('#posted-error')).toContainText(msg(lang, 'validation-phone-no-area-code'));
      expect(contactOf(c.contact)).toBe('');
      // The form is open again with what was typed: only the phone needs fixing.
      await expect(add.getByLabel(msg(lang, 'contact-name'))).toHaveValue(c.contact);
      await expect(add.getByLabel(msg(lang, 'contact-kind'))).toHaveValue('billing');
      await add.getByLabel(msg(lang, 'contact-phone')).fill('040 555 6666');
      await add.getByRole('button', { name: msg(lang, 'contact-add') }).click();
      await expect(page.locator('#posted-error')).toHaveCount(0);
      expect(contactOf(c.contact)).toBe('billing|laskut@example.fi|+358405556666|');

      // Changed: the history says who changed what.
      const card = page.locator('#contacts li.item', { hasText: c.contact });
      await card.locator('details summary', { hasText: msg(lang, 'contact-change') }).click();
      await card.getByLabel(msg(lang, 'contact-phone')).fill('+358 50 777 8888');
      await card.getByRole('button', { name: msg(lang, 'contact-save') }).click();
      expect(contactOf(c.contact)).toBe('billing|laskut@example.fi|+358507778888|');
      const changed = page.locator('#contacts li.item', { hasText: c.contact });
      await changed.locator('.history summary').click();
      await expect(changed.locator('.history')).toContainText('+358405556666 → +358507778888');
      await expect(changed.locator('.history')).toContainText(c.person);

      // Ended: kept with its end date, shown among the ended ones.
      await changed.getByRole('button', { name: msg(lang, 'contact-end') }).click();
      expect(contactOf(c.contact)).toMatch(/^billing\|laskut@example\.fi\|\+358507778888\|\d{4}-\d{2}-\d{2}$/);
      await expect(page.locator('#ended-contacts')).toContainText(c.contact);

      await page.locator('#confirm-data').click();
      await expect(page.locator('#confirmed-at')).not.toHaveText(msg(lang, 'confirm-never'));
    });

    test('staff import invoices; a bad file changes nothing; the customer sees totals, an invoice and the CSV', async ({ page, browser }, info) => {
      test.skip(info.project.name !== 'desktop', 'one run per language: invoice numbers are unique');
      // A long journey (about 18 s on an idle machine): room for a loaded one.
      test.setTimeout(90_000);
      const c = customers[lang];
      // The customer acts for the organisation first, so it is known here.
      await logIn(page, lang, { listed: c.person });
      await expect(page.locator('#billing-nav')).toBeVisible();

      const desk = await (await browser.newContext({ locale: browserLocale[lang] })).newPage();
      await logIn(desk, lang, { listed: staff });
      await desk.goto('/staff');
      await desk.locator('#billing-import-link').click();
      await expect(desk.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'import-heading'));
      const rows = [
        `${c.prefix}-1;${c.businessId};patient-data;2026;2027-02-15;2027-03-15;Vuosimaksu 2026;1;90`,
        `${c.prefix}-2;${c.businessId};eprescription;2026;2027-02-15;2027-03-15;Reseptit;12345;0,053`,
      ];
      const before = billingRows(c.prefix);
      const bad = [header, ...rows, `${c.prefix}-3;${c.businessId};patient-data;2026;2027-02-15;2027-02-01;X;1;90`].join('\n');
      await desk.getByLabel(msg(lang, 'import-file')).setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await desk.locator('#import-submit').click();
      await expect(desk.locator('#posted-error')).toContainText(msg(lang, 'error-import'));
      await expect(desk.locator('#posted-error')).toContainText(msg(lang, 'validation-due-before-issued'));
      // The problems are kept on the server; the address holds only their id.
      expect(new URL(desk.url()).search).toMatch(/^\?refused=[\w-]{22}$/);
      expect(billingRows(c.prefix)).toBe(before);

      await desk.getByLabel(msg(lang, 'import-file')).setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });
      await desk.locator('#import-submit').click();
      await expect(desk.locator('#imported')).toBeVisible();
      await expect(desk.locator('#posted-error')).toHaveCount(0);
      await expect(desk.locator('#imports tr', { hasText: 'good.csv' }).first()).toContainText(staff);
      expect(billingRows(c.prefix).split('|').slice(0, 2)).toEqual(['2', '2']);

      await page.locator('#billing-nav').click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'billing-heading'));
      await expect(page.locator('#billing-totals')).toContainText('654,29\u00a0€');
      await page.getByRole('link', { name: `${c.prefix}-2` }).click();
      await expect(page.locator('#invoice-total')).toHaveText('654,29\u00a0€');
      await expect(page.locator('#invoice-lines')).toContainText('0,053\u00a0€');
      expect(await axeProblems(page, 'an invoice')).toEqual([]);
      // As a PDF a viewer reads (poppler): the number, a line and the total.
      const pdf = page.waitForEvent('download');
      await page.locator('#invoice-pdf').click();
      const invoice = execFileSync('pdftotext', ['-enc', 'UTF-8', (await (await pdf).path())!, '-']).toString();
      for (const text of [`${c.prefix}-2`, 'Reseptit', '654,29 €']) expect(invoice).toContain(text);
      // Printed, the page is the invoice alone.
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('header')).toBeHidden();
      await expect(page.locator('#print-hint')).toBeHidden();
      await expect(page.locator('#invoice-pdf')).toBeHidden();
      await expect(page.locator('#invoice-lines')).toBeVisible();
      await page.emulateMedia({ media: 'screen' });
      await page.goto('/billing');
      const download = page.waitForEvent('download');
      await page.locator('#billing-csv').click();
      const file = await download;
      const text = require('node:fs').readFileSync(await file.path(), 'utf8');
      expect(text).toContain(`${c.prefix}-2;${c.businessId};eprescription;2026;2027-02-15;2027-03-15;Reseptit;12345;0,053`);
    });
  });
}
