import { defineConfig, devices } from '@playwright/test';

// `.ci/e2e.sh` picks a free port and a throwaway database; by hand, defaults serve on 3100.
const port = Number(process.env.KANTA_E2E_PORT ?? 3100);
const databaseUrl = process.env.KANTA_E2E_DATABASE_URL ?? 'sqlite://../target/e2e.db?mode=rwc';
export const baseURL = `http://127.0.0.1:${port}`;

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
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: chromium,
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions: chromium } },
  ],
  webServer: {
    command: '../target/debug/server serve',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      KANTA_LISTEN: `127.0.0.1:${port}`,
      KANTA_DATABASE_URL: databaseUrl,
      LEPTOS_SITE_ROOT: '../target/site',
      RUST_LOG: 'warn',
    },
  },
});
