// Repositories through the UI against real restic: local repositories under a temp folder, and an import of a
// repository made by plain restic.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { createUser, repositoryDir, signIn, test } from "./helpers";

const RESTIC = process.env.RESTIC_BIN ?? path.join(import.meta.dirname, "../.tools/restic-0.18/usr/bin/restic");

function restic(repo: string, password: string, args: string[]): string {
  return execFileSync(RESTIC, ["-r", repo, "--no-cache", ...args], {
    env: { ...process.env, RESTIC_PASSWORD: password },
    encoding: "utf8",
  });
}

const tempDir = (prefix: string) => mkdtempSync(path.join(tmpdir(), `zerobyte-e2e-${prefix}-`));

/** Fills the create form for a local repository; the caller submits (create or import). */
async function fillLocalRepository(page: Page, name: string, folder: string) {
  await page.goto("/repositories/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Backend").selectOption("local");
  await page.getByLabel("Path").fill(folder);
}

/** Creates a local repository under `parent` and returns its shortId (it lives in `<parent>/<shortId>`). */
async function createLocalRepository(page: Page, name: string, parent: string): Promise<string> {
  await fillLocalRepository(page, name, parent);
  await page.getByRole("button", { name: "Create repository" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible({ timeout: 30_000 });
  return page.url().split("/").pop()!;
}

async function deleteRepository(page: Page, name: string, purge: boolean) {
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Delete repository ${name}?` });
  if (purge) await dialog.getByLabel("Also delete stored data").check();
  await dialog.getByRole("button", { name: "Delete repository" }).click();
  await expect(page).toHaveURL(/\/repositories$/);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
}

test("a local repository: create, healthy in the list, stats, doctor, no snapshots, delete keeping its data", async ({
  page,
  baseURL,
}) => {
  await signIn(page, await createUser(baseURL!, "repo"));
  const parent = repositoryDir("local");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Repositories" }).click();
  await expect(page.getByText("No repositories yet")).toBeVisible();
  await page.getByRole("link", { name: "Create your first repository" }).click();
  await expect(page).toHaveURL(/\/repositories\/new$/);
  const shortId = await createLocalRepository(page, "Local one", parent);
  const folder = path.join(parent, shortId);
  expect(existsSync(path.join(folder, "config")), "restic init ran in <path>/<shortId>").toBe(true);

  await page.goto("/repositories");
  const row = page.getByRole("row", { name: /Local one/ });
  await expect(row).toContainText("Local directory");
  await expect(row).toContainText("Auto");
  await expect(row).toContainText("Healthy");
  await row.getByRole("link", { name: "Local one" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Local one" })).toBeVisible();

  const stats = page.getByRole("region", { name: "Statistics" });
  await expect(stats).toContainText("Last computed: Never");
  await stats.getByRole("button", { name: "Refresh statistics" }).click();
  await expect(stats).not.toContainText("Last computed: Never");
  await expect(stats.getByRole("definition").nth(3)).toHaveText("0");

  const doctor = page.getByRole("region", { name: "Doctor" });
  await doctor.getByRole("button", { name: "Run doctor" }).click();
  await expect(doctor.getByRole("progressbar", { name: "Doctor progress" })).toBeVisible();
  await expect(doctor.getByRole("status")).toHaveText("Finished", { timeout: 30_000 });
  const report = doctor.getByRole("region", { name: "Last doctor run" });
  await expect(report).toContainText("no problems found");
  await expect(report.getByRole("listitem").filter({ hasText: "Remove stale locks" })).toContainText("OK");
  await expect(report.getByRole("listitem").filter({ hasText: "Check the repository" })).toContainText("OK");
  await report.getByRole("listitem").filter({ hasText: "Check the repository" }).getByText("Output").click();
  await expect(report.locator("pre").first()).toBeVisible();

  const snapshots = page.getByRole("region", { name: "Snapshots" });
  await expect(snapshots.getByText("No snapshots yet")).toBeVisible();

  await deleteRepository(page, "Local one", false);
  expect(existsSync(path.join(folder, "config")), "without purge the data stays").toBe(true);
});

test("deleting a repository with its stored data removes the folder", async ({ page, baseURL }) => {
  await signIn(page, await createUser(baseURL!, "purge"));
  const parent = repositoryDir("purge");
  const shortId = await createLocalRepository(page, "Short-lived", parent);
  expect(existsSync(path.join(parent, shortId))).toBe(true);
  await deleteRepository(page, "Short-lived", true);
  expect(existsSync(path.join(parent, shortId)), "purge deletes the repository's folder").toBe(false);
});

test("importing a repository made by plain restic: a wrong password is refused, the right one lists its snapshot", async ({
  page,
  baseURL,
}) => {
  await signIn(page, await createUser(baseURL!, "import"));
  const repo = repositoryDir("import");
  const source = tempDir("source");
  writeFileSync(path.join(source, "hello.txt"), "hello from restic\n");
  const password = "plain-restic-password";
  restic(repo, password, ["init"]);
  restic(repo, password, ["backup", source, "--tag", "manual"]);
  const [snapshot] = JSON.parse(restic(repo, password, ["snapshots", "--json"])) as { short_id: string }[];

  await fillLocalRepository(page, "Imported", repo);
  await page.getByRole("switch", { name: "Import existing repository" }).check();
  await page.getByLabel("Repository password (optional)").fill("not the password");
  await page.getByRole("button", { name: "Import repository" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "The repository password is wrong (no key found for it)",
    { timeout: 30_000 },
  );
  await expect(page).toHaveURL(/\/repositories\/new$/);

  await page.getByLabel("Repository password (optional)").fill(password);
  await page.getByRole("button", { name: "Import repository" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Imported" })).toBeVisible({ timeout: 30_000 });
  const row = page.getByRole("region", { name: "Snapshots" }).getByRole("row", { name: new RegExp(snapshot.short_id) });
  await expect(row).toContainText(source);
  await expect(row).toContainText("manual");
  await expect(page.getByRole("region", { name: "Configuration" })).toContainText("********");
});
