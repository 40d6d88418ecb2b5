// The guides' pictures of the product as a reader meets them (app/src/wizard/screens.rs).
import { expect, type Page } from '@playwright/test';
import type { Lang } from './messages';

/** The guides' steps that show a screen of the product, with the answers that lead to them. */
export const screenSteps = [
  { guide: 'taking-a-service-into-use', step: 'start', screen: 'dashboard', answers: '' },
  { guide: 'taking-a-service-into-use', step: 'answering', screen: 'wizard-step', answers: '&service=patient-data&system=certified' },
  { guide: 'taking-a-service-into-use', step: 'checking', screen: 'check-answers', answers: '&service=patient-data&system=certified' },
  { guide: 'taking-a-service-into-use', step: 'agreement', screen: 'signing', answers: '&service=patient-data&system=certified' },
  { guide: 'taking-a-service-into-use', step: 'following', screen: 'timeline', answers: '&service=patient-data&system=certified' },
  { guide: 'updating-data', step: 'contacts', screen: 'customer-data', answers: '&change=contacts' },
  { guide: 'updating-data', step: 'units', screen: 'service-unit', answers: '&change=units' },
  { guide: 'updating-data', step: 'confirm', screen: 'confirm', answers: '&change=contacts' },
  { guide: 'updating-data', step: 'billing', screen: 'billing', answers: '&change=contacts' },
];

/** The screen's picture has loaded, in the language and width of the page, as WebP. */
export async function pictureLoaded(page: Page, screen: string, lang: Lang, width: 'phone' | 'desktop') {
  const img = page.locator(`#screen-${screen} img`);
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
  expect(await img.evaluate((i: HTMLImageElement) => i.currentSrc)).toMatch(new RegExp(`/screens/${screen}\\.${lang}\\.${width}\\.[0-9a-f]{10}\\.webp$`));
}
