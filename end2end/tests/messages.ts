import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

export type Lang = 'fi' | 'sv';

const cache = new Map<Lang, Map<string, string>>();

/** The text of a Fluent message as the product shows it (simple messages, `{ $var }` filled in). */
export function msg(lang: Lang, id: string, args: Record<string, string | number> = {}): string {
  if (!cache.has(lang)) {
    const dir = join(__dirname, '..', '..', 'locales', lang);
    const messages = new Map<string, string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ftl'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const m = /^([a-zA-Z][\w-]*)\s*=\s*(.*)$/.exec(line);
        if (m) messages.set(m[1], m[2]);
      }
    }
    cache.set(lang, messages);
  }
  const text = cache.get(lang)!.get(id);
  if (text === undefined) throw new Error(`no message ${id} in ${lang}`);
  return text.replace(/\{\s*\$(\w+)\s*\}/g, (_, name) => String(args[name]));
}

/** Waits until the WASM has hydrated the page, so clicks reach Rust event handlers. */
export async function hydrated(page: Page) {
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
}
