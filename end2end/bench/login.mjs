// Logs a sandbox test person in through the sandbox identity provider, as `make size` and
// `make bench` need: returns the browser context, holding the session cookie.
export async function logIn(browser, base, person, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${base}/auth/login?next=/`);
  await page.check(`input[name=person][value=${person}]`);
  await page.check('input[name=method][value=bank]');
  await page.click('button[name=action][value=identify]');
  await page.waitForURL((url) => !url.pathname.startsWith('/sandbox/') && !url.pathname.startsWith('/auth/'));
  await page.close();
  return context;
}
