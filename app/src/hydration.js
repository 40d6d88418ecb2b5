// Loads the WASM and hydrates the page's islands (in place of Leptos' island script, for one
// reason): an island inside [data-hydrate="on-first-use"] is loaded only when the user first
// points at, touches, focuses, types in or clicks it, so a page downloads an island's code only
// when it is used. Nothing done meanwhile is lost: values typed or chosen are handed to the
// island once it runs, and a click on a link or button, or a submit, is replayed then; if the code
// does not come within 5 s, they go on as without JavaScript. See app/src/hydration.rs.
((script, wasm, messages, drafts) => {
  // Each loaded once; a load that failed is tried again the next time it is needed.
  const once = (load) => {
    let loading;
    return () =>
      (loading ??= load().catch((error) => {
        loading = undefined;
        throw error;
      }));
  };
  const loadMessages = once(() => import(messages.url));
  globalThis[messages.loader] = loadMessages;
  const loadMain = once(() =>
    import(script).then(async (mod) => {
      await mod.default({ module_or_path: wasm });
      mod.hydrate();
      return mod;
    }),
  );

  async function hydrate(island) {
    const [mod] = await Promise.all([loadMain(), loadMessages()]);
    const run = mod[island.dataset.component];
    if (!run) throw new Error(`no WASM function for the island ${island.dataset.component}`);
    await run(island);
    island.setAttribute('data-hydrated', 'true');
  }

  // Whether this device keeps a draft under `key` (app::offline::drafts); then the island runs
  // at once to offer it. An older store than this build's also counts: the island upgrades it.
  const hasDraft = (key) =>
    new Promise((resolve) => {
      // A deletion another tab waits on holds the open without a word: then the island decides.
      setTimeout(() => resolve(true), 2000);
      try {
        const open = indexedDB.open(drafts.database, drafts.version);
        open.onupgradeneeded = (event) => {
          resolve(event.oldVersion > 0);
          open.transaction.abort();
        };
        open.onblocked = () => resolve(true);
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          try {
            const count = db.transaction(drafts.store).objectStore(drafts.store).count(key);
            count.onsuccess = () => resolve(count.result > 0);
            count.onerror = () => resolve(true);
          } catch {
            resolve(true);
          } finally {
            db.close();
          }
        };
      } catch {
        resolve(false);
      }
    });

  // A stored page shown offline for another address, or a draft to offer: the island is needed now.
  const neededNow = async (gate) =>
    gate.dataset.renderedFor !== location.search || (gate.dataset.draft ? hasDraft(gate.dataset.draft) : false);

  const TRIGGERS = ['pointerdown', 'focusin', 'keydown', 'input', 'change', 'click', 'submit'];
  const ACTIVATES = 'a[href], button, input[type="submit"], input[type="image"]';
  const CONTROLS = 'input, select, textarea';
  // How long a click or submit waits for the island before it goes on as without JavaScript.
  const PATIENCE_MS = 5000;

  const checkable = (control) => control.type === 'checkbox' || control.type === 'radio';
  const changed = (control) =>
    checkable(control)
      ? control.checked !== control.defaultChecked
      : control.tagName === 'SELECT'
        ? [...control.options].some((option) => option.selected !== option.defaultSelected)
        : control.value !== control.defaultValue;

  function onFirstUse(gate, island) {
    // waiting → loading → done, or native: the island did not come in time (or at all), and
    // the page works as without JavaScript from then on.
    let state = 'waiting';
    let held;
    const given = new Map();
    const remember = (control) => {
      given.delete(control); // the latest change last: radios of one group are given in order
      given.set(control, checkable(control) ? control.checked : control.value);
    };
    const goNative = () => {
      state = 'native';
      const action = held;
      held = undefined;
      action?.();
    };
    const hold = (action) => {
      held = action;
      setTimeout(() => state === 'loading' && held === action && goNative(), PATIENCE_MS);
    };
    const listen = (event) => {
      if (state === 'done' || state === 'native') return;
      const target = event.target;
      if (state === 'waiting') {
        // Changed before this script ran (typed during load, or restored by the browser).
        for (const control of gate.querySelectorAll(CONTROLS)) if (changed(control)) remember(control);
      }
      if (event.type === 'input' || event.type === 'change') {
        remember(target);
      } else if (event.type === 'click' && target.closest?.(ACTIVATES)) {
        // A new tab or window is the browser's business.
        if (!(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0)) {
          event.preventDefault();
          const activated = target.closest(ACTIVATES);
          hold(() => activated.click());
        }
      } else if (event.type === 'submit') {
        event.preventDefault();
        const submitter = event.submitter;
        hold(() => (submitter ? target.requestSubmit(submitter) : target.requestSubmit()));
      }
      if (state !== 'waiting') return;
      state = 'loading';
      hydrate(island).then(
        () => {
          if (state === 'native') return;
          state = 'done';
          for (const [control, value] of given) {
            if ((checkable(control) ? control.checked : control.value) === value) continue;
            if (checkable(control)) control.checked = value;
            else control.value = value;
            control.dispatchEvent(new Event('input', { bubbles: true }));
            control.dispatchEvent(new Event('change', { bubbles: true }));
          }
          const action = held;
          held = undefined;
          action?.();
        },
        (error) => {
          console.error(error);
          goNative();
        },
      );
    };
    for (const type of TRIGGERS) gate.addEventListener(type, listen, { capture: true });
  }

  // Where the session has ended (the page after logging out says so), this device forgets what it
  // kept of it: drafts hold names and numbers, and stored pages show who was logged in.
  if (document.querySelector('[data-forget-device]')) {
    try {
      indexedDB.deleteDatabase(drafts.database);
    } catch {
      // No IndexedDB here: nothing was kept.
    }
    navigator.serviceWorker?.controller?.postMessage('forget-pages');
  }

  const start = async () => {
    const now = [loadMain()];
    for (const island of document.querySelectorAll('leptos-island')) {
      const gate = island.closest('[data-hydrate="on-first-use"]');
      if (gate && !(await neededNow(gate))) onFirstUse(gate, island);
      else now.push(hydrate(island));
    }
    await Promise.allSettled(now);
    // After the islands' first effects, which run in microtasks: tests and styles wait for this.
    setTimeout(() => document.documentElement.setAttribute('data-hydrated', 'true'));
  };
  if ('requestIdleCallback' in window) requestIdleCallback(start);
  else start();
})
