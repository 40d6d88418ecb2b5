import { test, expect } from '@playwright/test';
import { msg, type Lang } from './messages';
import { browserLocale } from './sandbox';

for (const lang of ['fi', 'sv'] as Lang[]) {
  test.describe(`materials library in ${lang}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('filters by service and audience, searches by words, and leads into a guide', async ({ page }) => {
      await page.goto('/');
      await page.locator('#materials-link').click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'materials-heading'));
      const count = page.locator('#materials-count');
      await expect(count).toHaveText(msg(lang, 'materials-count', { count: 9 }));

      await page.getByLabel(msg(lang, 'materials-service'), { exact: true }).selectOption({ label: msg(lang, 'service-eprescription-pharmacy') });
      await page.getByLabel(msg(lang, 'materials-audience'), { exact: true }).selectOption({ label: msg(lang, 'audience-pharmacy') });
      await page.getByRole('button', { name: msg(lang, 'materials-filter') }).click();
      await expect(page).toHaveURL(/service=eprescription-pharmacy&audience=pharmacy/);
      await expect(count).toHaveText(msg(lang, 'materials-count', { count: 6 }));
      await expect(page.locator('#material-pharmacies')).toBeVisible();
      await expect(page.locator('#material-social-welfare')).toHaveCount(0);
      await expect(page.locator('#material-giving-a-mandate')).toHaveCount(0);
      // The choices stay chosen on the result page.
      await expect(page.getByLabel(msg(lang, 'materials-audience'), { exact: true })).toHaveValue('pharmacy');

      await page.getByRole('link', { name: msg(lang, 'materials-clear') }).click();
      const title = msg(lang, 'material-social-welfare-title');
      // Words in any order and case.
      await page.getByLabel(msg(lang, 'materials-search')).fill(title.split(' ').reverse().join(' ').toUpperCase());
      await page.getByRole('button', { name: msg(lang, 'materials-filter') }).click();
      await expect(count).toHaveText(msg(lang, 'materials-count', { count: 1 }));
      await expect(page.locator('#material-social-welfare')).toContainText(title);

      await page.getByRole('link', { name: msg(lang, 'materials-clear') }).click();
      await page.getByRole('link', { name: msg(lang, 'guide-use-title'), exact: true }).click();
      await expect(page.locator('#wizard-step-heading')).toHaveText(msg(lang, 'guide-use-how-heading'));
    });
  });
}

test.describe('materials library without JavaScript', () => {
  test.use({ javaScriptEnabled: false, locale: browserLocale.fi });

  test('the filter form works as a plain GET form', async ({ page }) => {
    await page.goto('/materials');
    await page.getByLabel(msg('fi', 'materials-service'), { exact: true }).selectOption({ label: msg('fi', 'service-test-environment') });
    await page.getByRole('button', { name: msg('fi', 'materials-filter') }).click();
    await expect(page.locator('#materials-count')).toHaveText(msg('fi', 'materials-count', { count: 5 }));
    await expect(page.locator('#material-test-environment')).toBeVisible();
  });
});
