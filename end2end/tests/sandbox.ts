import { expect, type Page } from '@playwright/test';
import { msg, type Lang } from './messages';

export const browserLocale: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI' };

/** In the sandbox identification: pick a method and a person (listed, or typed in), maybe a fault. */
export async function identify(
  page: Page,
  lang: Lang,
  who: { listed: string } | { hetu: string; given: string; surname: string },
  options: { method?: string; fault?: string } = {},
) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'sandbox-idp-title'));
  await page.getByLabel(msg(lang, options.method ?? 'sandbox-idp-method-bank')).check();
  if ('listed' in who) {
    await page.getByLabel(who.listed).check();
  } else {
    await page.getByLabel(msg(lang, 'sandbox-idp-person-typed')).check();
    await page.getByLabel(msg(lang, 'sandbox-idp-hetu'), { exact: true }).fill(who.hetu);
    await page.getByLabel(msg(lang, 'sandbox-idp-given-name')).fill(who.given);
    await page.getByLabel(msg(lang, 'sandbox-idp-surname')).fill(who.surname);
  }
  if (options.fault) {
    await page.getByLabel(msg(lang, 'sandbox-idp-fault-label')).selectOption({ label: msg(lang, options.fault) });
  }
  await page.getByRole('button', { name: msg(lang, 'sandbox-idp-identify') }).click();
}


/** Logs in from the login page (no particular page to return to). */
export async function logIn(
  page: Page,
  lang: Lang,
  who: { listed: string } | { hetu: string; given: string; surname: string },
) {
  await page.goto('/login');
  await page.getByRole('link', { name: msg(lang, 'login-start') }).click();
  await identify(page, lang, who);
}

/** The day `days` from today in Finland: ISO 8601 (as forms and registers take it) and as Finns write it. */
export function finnishDay(days: number): { iso: string; local: string } {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return { iso: day.toISOString().slice(0, 10), local: `${day.getUTCDate()}.${day.getUTCMonth() + 1}.${day.getUTCFullYear()}` };
}
