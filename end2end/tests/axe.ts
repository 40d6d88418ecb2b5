import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** What axe-core finds against WCAG 2.1 A and AA on the page as it is now, one line per rule
 * broken (`where: rule (elements)`); empty when it passes. */
export async function axeProblems(page: Page, where: string): Promise<string[]> {
  const found = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return found.violations.map((v) => `${where}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
