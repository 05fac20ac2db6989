// End-to-end tests against a production build (`npm run build` first) served as users run it (`npm start`), driving Debian's
// Chromium (Playwright cannot download browsers here). Each run starts from an empty DATA_DIR, so the first test
// sees a fresh instance and goes through onboarding.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4197);
const baseURL = `http://127.0.0.1:${PORT}`;
// The journey's webhook receiver listens next to the app; the app may send there (outbound allow-list).
const WEBHOOK_RECEIVER = `http://127.0.0.1:${PORT + 1}`;
// Worker processes load this file too; the environment carries the main process's directory to them.
process.env.ZEROBYTE_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "zerobyte-e2e-"));
// The tests' users are members, who keep local repositories only under REPOSITORY_ROOTS: this folder.
process.env.ZEROBYTE_E2E_REPOSITORY_ROOT ??= mkdtempSync(path.join(tmpdir(), "zerobyte-e2e-repositories-"));
const bundledRestic = path.join(import.meta.dirname, ".tools/restic-0.18/usr/bin/restic");

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? "list" : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  // The journey starts on the fresh instance (onboarding); the feature tests run after it, each with its own user.
  projects: [
    { name: "journey", testMatch: /journey\.spec\.ts$/ },
    { name: "features", testIgnore: /journey\.spec\.ts$/, dependencies: ["journey"] },
  ],
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "node scripts/start.mjs",
    url: `${baseURL}/api/healthcheck`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      DATA_DIR: process.env.ZEROBYTE_E2E_DATA_DIR,
      REPOSITORY_ROOTS: process.env.ZEROBYTE_E2E_REPOSITORY_ROOT,
      APP_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef",
      DISABLE_RATE_LIMITING: "true",
      BASE_URL: baseURL,
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      WEBHOOK_ALLOWED_ORIGINS: WEBHOOK_RECEIVER,
      // Ten progress lines a second, so a backup of a few hundred MB shows its bar moving.
      RESTIC_PROGRESS_FPS: "10",
      ...(existsSync(bundledRestic) ? { RESTIC_BIN: bundledRestic } : {}),
    },
  },
});
