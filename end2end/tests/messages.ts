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

/**
 * Waits until the page's main module has run and the islands that hydrate at load have; an island
 * that hydrates on first use (app/src/hydration.rs) does when the test first touches it, and the
 * click or typing that woke it is replayed to it. `leptos-island[data-hydrated]` marks one done.
 */
export async function hydrated(page: Page) {
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
}
