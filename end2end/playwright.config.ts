import { defineConfig, devices } from '@playwright/test';

// `.ci/e2e.sh` picks a free port and a throwaway database; by hand, defaults serve on 3100.
const port = Number(process.env.KANTA_E2E_PORT ?? 3100);
const databaseUrl = process.env.KANTA_E2E_DATABASE_URL ?? 'sqlite://../target/e2e.db?mode=rwc';
export const baseURL = `http://127.0.0.1:${port}`;
// A second app logs in through the `oidc-provider` package instead of our sandbox.
const providerPort = Number(process.env.KANTA_E2E_PROVIDER_PORT ?? 3101);
const independentPort = Number(process.env.KANTA_E2E_INDEPENDENT_PORT ?? 3102);
const independentURL = `http://127.0.0.1:${independentPort}`;
const independentDatabaseUrl = process.env.KANTA_E2E_INDEPENDENT_DATABASE_URL ?? 'sqlite://../target/e2e-independent.db?mode=rwc';
const independent = /independent-provider\.spec\.ts/;
// The guides' pictures are taken on a server and database of their own, so they come out the same.
const screensPort = Number(process.env.KANTA_E2E_SCREENS_PORT ?? 3103);
const screensURL = `http://127.0.0.1:${screensPort}`;
const screensDatabaseUrl = process.env.KANTA_E2E_SCREENS_DATABASE_URL ?? 'sqlite://../target/e2e-screens.db?mode=rwc';
const screens = /guide-screens\.spec\.ts/;

const chromium = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list'], ['./failures.ts']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: chromium,
  },
  projects: [
    { name: 'desktop', testIgnore: [independent, screens], use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
    { name: 'phone', testIgnore: [independent, screens], use: { ...devices['Pixel 7'], launchOptions: chromium } },
    // Each test makes its own phone and desktop pages.
    { name: 'screens', testMatch: screens, use: { launchOptions: chromium, baseURL: screensURL } },
    {
      name: 'independent-provider',
      testMatch: independent,
      use: { ...devices['Desktop Chrome'], launchOptions: chromium, baseURL: independentURL },
    },
  ],
  webServer: [
    {
      command: '../target/debug/server serve',
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        KANTA_LISTEN: `127.0.0.1:${port}`,
        KANTA_DATABASE_URL: databaseUrl,
        // A revoked mandate must stop working at the very next action in these journeys.
        KANTA_ACTING_RECHECK_SECONDS: '0',
        // Every journey sends from 127.0.0.1: the support form's per-address limit (tested in
        // server/tests/it/limits.rs) would count them all as one sender.
        KANTA_RATE_SUPPORT_PER_MINUTE: '100',
        LEPTOS_SITE_ROOT: '../target/site',
        RUST_LOG: 'warn',
      },
    },
    {
      command: '../target/debug/server serve',
      url: `${screensURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        KANTA_LISTEN: `127.0.0.1:${screensPort}`,
        KANTA_DATABASE_URL: screensDatabaseUrl,
        LEPTOS_SITE_ROOT: '../target/site',
        RUST_LOG: 'warn',
      },
    },
    {
      command: `node oidc-provider/server.mjs ${providerPort} ${independentURL}`,
      url: `http://127.0.0.1:${providerPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: '../target/debug/server serve',
      url: `${independentURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        KANTA_LISTEN: `127.0.0.1:${independentPort}`,
        KANTA_DATABASE_URL: independentDatabaseUrl,
        KANTA_SANDBOX: 'off',
        KANTA_OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
        // Suomi.fi's FTN profile: request objects signed, tokens encrypted to the keys we publish.
        KANTA_OIDC_SIGNING_KEY_FILES: '../server/src/sandbox/keys/rp-signing-1.pem,../server/src/sandbox/keys/rp-signing-2.pem',
        KANTA_OIDC_ENCRYPTION_KEY_FILES: '../server/src/sandbox/keys/rp-encryption-1.pem,../server/src/sandbox/keys/rp-encryption-2.pem',
        KANTA_OIDC_REQUIRE_ENCRYPTION: 'on',
        // Its registers are the first app's sandbox services, reached as real endpoints would be.
        KANTA_TRADE_REGISTER_URL: `${baseURL}/sandbox/trade-register`,
        KANTA_PROFESSIONAL_REGISTER_URL: `${baseURL}/sandbox/professional-register`,
        KANTA_CODE_SERVICE_URL: `${baseURL}/sandbox/code-service`,
        KANTA_PHARMACY_REGISTER_URL: `${baseURL}/sandbox/pharmacy-register`,
        KANTA_MANDATES_URL: `${baseURL}/sandbox/valtuudet`,
        KANTA_MANDATES_CLIENT_SECRET: 'sandbox-mandates-client-secret',
        KANTA_MANDATES_OAUTH_SECRET: 'sandbox-mandates-oauth-secret',
        // No journey here sends mail; an address nothing answers keeps any in the outbox.
        KANTA_SMTP_URL: 'smtp://127.0.0.1:9',
        LEPTOS_SITE_ROOT: '../target/site',
        RUST_LOG: 'warn',
      },
    },
  ],
});
