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
