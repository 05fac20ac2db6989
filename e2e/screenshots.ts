// Screenshots of the main pages at a desktop and a phone size, light and dark, saved under
// test-results/screenshots/ (and attached to the report), with the layout checks a person would make by eye.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";

export const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

const SCREENSHOT_DIR = path.join(import.meta.dirname, "..", "test-results", "screenshots");

/** Nothing scrolls sideways; on a wide screen the sidebar runs the full height of the page. */
export async function checkLayout(page: Page, label: string) {
  const layout = await page.evaluate(() => {
    const root = document.documentElement;
    const aside = document.querySelector("aside")?.getBoundingClientRect();
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      pageHeight: root.scrollHeight,
      asideBottom: aside ? aside.bottom + window.scrollY : null,
      asideWidth: aside?.width ?? null,
    };
  });
  // Soft: every page is photographed and checked, and the test lists all the pages that failed.
  expect.soft(layout.scrollWidth, `${label}: no sideways scrolling`).toBeLessThanOrEqual(layout.clientWidth);
  if (layout.asideBottom !== null && layout.clientWidth >= 768) {
    expect
      .soft(layout.asideBottom, `${label}: the sidebar reaches the bottom`)
      .toBeGreaterThanOrEqual(layout.pageHeight - 1);
  }
}

/** Every control a person can use has a name a screen reader announces (a label, aria-label(ledby) or its text). */
export async function checkLabels(page: Page, label: string) {
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("input, select, textarea, button, a[href], [role=switch], [role=tab]")]
      .filter((element) => !(element instanceof HTMLInputElement && element.type === "hidden"))
      .filter((element) => {
        const labels = (element as HTMLInputElement).labels;
        const labelledBy = element.getAttribute("aria-labelledby");
        return !(
          (labels && labels.length > 0) ||
          element.getAttribute("aria-label")?.trim() ||
          (labelledBy && document.getElementById(labelledBy)?.textContent?.trim()) ||
          element.textContent?.trim() ||
          element.getAttribute("title")
        );
      })
      .map((element) => element.outerHTML.slice(0, 120)),
  );
  expect.soft(unnamed, `${label}: controls without an accessible name`).toEqual([]);
}

async function settle(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(/^Loading/)).toHaveCount(0, { timeout: 15_000 });
}

async function idsOf(page: Page, repositoryId: string) {
  const json = async (url: string) => {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(200);
    return response.json();
  };
  const [volume] = await json("/api/v1/volumes");
  const [schedule] = await json("/api/v1/backups");
  const [destination] = await json("/api/v1/notifications/destinations");
  const snapshots: { short_id: string; time: number; paths: string[] }[] = await json(
    `/api/v1/repositories/${repositoryId}/snapshots`,
  );
  const newest = snapshots.sort((a, b) => b.time - a.time)[0];
  return { volume: volume.shortId, schedule: schedule.shortId, destination: destination.id, snapshot: newest };
}

/** Every main page, at each size, light then dark. */
export async function screenshotPages(page: Page, repositoryId: string) {
  const ids = await idsOf(page, repositoryId);
  const folder = encodeURIComponent(`${ids.snapshot.paths[0]}/docs`);
  const pages = [
    ["dashboard", "/"],
    ["volumes", "/volumes"],
    ["volume", `/volumes/${ids.volume}`],
    ["volume-new", "/volumes/new"],
    ["repositories", "/repositories"],
    ["repository", `/repositories/${repositoryId}`],
    ["snapshot", `/repositories/${repositoryId}/snapshots/${ids.snapshot.short_id}?path=${folder}`],
    ["search", `/repositories/${repositoryId}/search`],
    ["diff", `/repositories/${repositoryId}/diff`],
    ["backups", "/backups"],
    ["backup", `/backups/${ids.schedule}`],
    ["backup-edit", `/backups/${ids.schedule}/edit`],
    ["notifications", "/notifications"],
    ["notification", `/notifications/${ids.destination}`],
    ["activity", "/activity"],
    ["settings", "/settings"],
  ] as const;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      for (const [name, url] of pages) {
        await page.goto(url);
        await settle(page);
        const file = path.join(SCREENSHOT_DIR, `${name}-${viewport.width}x${viewport.height}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        await test.info().attach(`${name} ${viewport.name} ${scheme}`, { path: file, contentType: "image/png" });
        await checkLayout(page, `${name} (${viewport.name}, ${scheme})`);
        if (viewport.name === "desktop" && scheme === "light") await checkLabels(page, name);
      }
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await screenshotSignedOut(page);
}

/** The login page, as a visitor without a session sees it. */
async function screenshotSignedOut(page: Page) {
  const browser = page.context().browser();
  if (!browser) return;
  for (const scheme of ["light", "dark"] as const) {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({
        baseURL: new URL(page.url()).origin,
        viewport: { width: viewport.width, height: viewport.height },
        colorScheme: scheme,
      });
      const visitor = await context.newPage();
      await visitor.goto("/login");
      await expect(visitor.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
      const file = path.join(SCREENSHOT_DIR, `login-${viewport.width}x${viewport.height}-${scheme}.png`);
      await visitor.screenshot({ path: file, fullPage: true });
      await test.info().attach(`login ${viewport.name} ${scheme}`, { path: file, contentType: "image/png" });
      await checkLayout(visitor, `login (${viewport.name}, ${scheme})`);
      await context.close();
    }
  }
}
