import type { Page } from '@playwright/test';

/** The draft the app keeps on the device for a wizard, read straight from IndexedDB. */
export async function storedDraft(page: Page, wizard = 'before-you-start') {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('kanta');
        // Not created yet: do not create it here, or the app would find it without its store.
        open.onupgradeneeded = () => open.transaction!.abort();
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('drafts').objectStore('drafts').get(key);
          // Let go at once, as the app does: a held connection would stand in others' way.
          db.close();
          get.onsuccess = () => resolve(get.result ? JSON.parse(get.result) : null);
          get.onerror = () => reject(get.error);
        };
      }),
    wizard,
  );
}

/** How far (CSS pixels) the page reaches past the window's width: 0 or less when it fits without
 * sideways scrolling. Against the window itself, as a phone's layout may widen past it to fit. */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(
    (viewport) => document.documentElement.scrollWidth - Math.min(viewport, document.documentElement.clientWidth),
    page.viewportSize()!.width,
  );
}
