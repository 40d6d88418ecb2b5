import { test, expect } from '@playwright/test';
import { msg } from './messages';

// The same relying party, configured for the `oidc-provider` package (see oidc-provider/server.mjs)
// as Suomi.fi's FTN profile asks: discovery, a signed request object, private_key_jwt, PKCE, an ID
// token and a userinfo JWT both encrypted to the keys we publish (and required so), Suomi.fi claim
// names and logout all work with a provider we did not write.
test('logs in, acts and logs out through an independent OpenID provider speaking the FTN profile', async ({ page }) => {
  const authorizations: URL[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/auth' && url.searchParams.has('client_id')) authorizations.push(url);
  });
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?next=\/account$/);
  await page.getByRole('link', { name: msg('fi', 'login-start') }).click();

  await expect(page.getByRole('heading', { name: 'oidc-provider sign-in' })).toBeVisible();
  // Every parameter travels in the signed request object; the query keeps what OIDC Core requires.
  expect(authorizations).toHaveLength(1);
  expect([...authorizations[0].searchParams.keys()].sort()).toEqual(['client_id', 'request', 'response_type', 'scope']);
  await page.getByLabel('Sanna Korhonen').check();
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.locator('#account-name')).toHaveText('Sanna Korhonen');
  // Its registers are configured endpoints: as deputy managing director she acts for her company.
  await expect(page.locator('#acting-for')).toHaveText(msg('fi', 'acting-for', { name: 'Lähiklinikka Oy' }));
  await expect(page.getByRole('button', { name: msg('fi', 'logout-button') })).toBeVisible();

  await page.getByRole('button', { name: msg('fi', 'logout-button') }).click();
  // oidc-provider asks before ending its own session.
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(/\/logged-out/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('fi', 'logged-out-heading'));
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?next=\/account$/);
});
