// The backups list's order (move buttons, saved across a reload) and a mirror's "Sync now", against real restic.
// Volumes, repositories and schedules are set up through the API (the journey covers their forms); what is under
// test is driven through the UI. Directory volumes are for instance admins, so these tests run as the admin, whose
// workspace other tests fill too: names carry a suffix of their own, and only this test's cards are compared.
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { ensureAdmin, repositoryDir, signIn, test } from "./helpers";

async function post<T>(api: APIRequestContext, url: string, data: unknown): Promise<T> {
  const response = await api.post(url, { data });
  expect(response.ok(), `${url}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** A directory volume over a tiny folder, a local repository, and a manual schedule from one to the other. */
async function createSchedule(api: APIRequestContext, name: string, repositoryId?: string) {
  const source = mkdtempSync(path.join(tmpdir(), "zerobyte-e2e-order-source-"));
  writeFileSync(path.join(source, "note.txt"), `${name}\n`);
  const volume = await post<{ shortId: string }>(api, "/api/v1/volumes", {
    name: `${name} files`,
    config: { backend: "directory", path: source },
  });
  const repository = repositoryId ?? (await createRepository(api, `${name} store`));
  return post<{ shortId: string }>(api, "/api/v1/backups", {
    name,
    enabled: false,
    cronExpression: "",
    volumeId: volume.shortId,
    repositoryId: repository,
  });
}

async function createRepository(api: APIRequestContext, name: string): Promise<string> {
  const parent = repositoryDir("order");
  const created = await post<{ repository: { shortId: string } }>(api, "/api/v1/repositories", {
    name,
    config: { backend: "local", path: parent },
  });
  return created.repository.shortId;
}

const suffix = () => randomBytes(3).toString("hex");

/** The order of `names` among the schedules GET /api/v1/backups lists. */
const listedOrder = async (api: APIRequestContext, names: string[]) =>
  ((await (await api.get("/api/v1/backups")).json()) as { name: string }[])
    .map((schedule) => schedule.name)
    .filter((name) => names.includes(name));

/** The order of `names` among the cards of the backups page. */
const shownOrder = async (page: Page, names: string[]) =>
  (await page.getByRole("article").locator("h3").allTextContents()).filter((name) => names.includes(name));

test("the backups list is reordered with the move buttons and by dragging, and the order is saved", async ({
  page,
  baseURL,
}) => {
  await signIn(page, await ensureAdmin(baseURL!));
  const [alpha, beta] = [`Alpha ${suffix()}`, `Beta ${suffix()}`];
  // Created one after the other, they are the last two of the list.
  await createSchedule(page.request, alpha);
  await createSchedule(page.request, beta);
  const names = [alpha, beta];

  await page.goto("/backups");
  await expect.poll(() => shownOrder(page, names)).toEqual([alpha, beta]);
  await expect(page.getByRole("button", { name: `Move ${beta} down` })).toHaveAttribute("aria-disabled", "true");

  const moveDown = page.getByRole("button", { name: `Move ${alpha} down` });
  await moveDown.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => shownOrder(page, names)).toEqual([beta, alpha]);
  // The moved card's button keeps the focus, now at the end of the list.
  await expect(moveDown).toBeFocused();
  await expect(moveDown).toHaveAttribute("aria-disabled", "true");
  await expect.poll(() => listedOrder(page.request, names)).toEqual([beta, alpha]);

  await page.reload();
  await expect.poll(() => shownOrder(page, names)).toEqual([beta, alpha]);

  await page.getByRole("button", { name: `Move ${alpha} up` }).click();
  await expect.poll(() => shownOrder(page, names)).toEqual([alpha, beta]);
  await page.reload();
  await expect.poll(() => shownOrder(page, names)).toEqual([alpha, beta]);
  expect(await listedOrder(page.request, names)).toEqual([alpha, beta]);

  // Dragging a card onto another's place (native HTML5 drag and drop).
  const card = (name: string) => page.getByRole("article", { name, exact: true });
  await card(beta).dragTo(card(alpha));
  await expect.poll(() => shownOrder(page, names)).toEqual([beta, alpha]);
  await expect.poll(() => listedOrder(page.request, names)).toEqual([beta, alpha]);
});

test("a mirror is synced with Sync now, and its last sync is shown", async ({ page, baseURL }) => {
  await signIn(page, await ensureAdmin(baseURL!));
  const mirrorName = `Mirror ${suffix()}`;
  const mirrorId = await createRepository(page.request, mirrorName);
  const schedule = await createSchedule(page.request, `Mirrored ${suffix()}`);
  await post(page.request, `/api/v1/backups/${schedule.shortId}/run`, {});
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/backups/${schedule.shortId}`)).json()).lastBackupStatus, {
      timeout: 30_000,
    })
    .toBe("success");

  await page.goto(`/backups/${schedule.shortId}`);
  const mirrors = page.getByRole("region", { name: "Mirrors" });
  const mirrorBox = mirrors.getByRole("checkbox", { name: mirrorName });
  // The mirror is added after the backup, so no sync has run yet: "Sync now" starts the first.
  await mirrorBox.check();
  await mirrors.getByRole("button", { name: "Save mirrors" }).click();
  const syncNow = mirrors.getByRole("button", { name: `Sync ${mirrorName} now` });
  await expect(syncNow).toBeVisible();
  await expect(mirrorBox).not.toHaveAccessibleDescription(/Last sync/);

  await syncNow.click();
  await expect(mirrors.getByRole("progressbar", { name: `Sync to ${mirrorName}` })).toBeVisible({ timeout: 30_000 });
  await expect(mirrors.locator("[data-task-status]")).toHaveAttribute("data-task-status", "success", {
    timeout: 60_000,
  });
  await expect(mirrorBox).toHaveAccessibleDescription(/^Last sync: success/);

  await page.reload();
  await expect(mirrorBox).toHaveAccessibleDescription(/^Last sync: success/);
  const status = await (
    await page.request.get(`/api/v1/backups/${schedule.shortId}/mirrors/${mirrorId}/status`)
  ).json();
  expect(status).toMatchObject({ sourceCount: 1, mirrorCount: 1, missingSnapshots: [] });
});
