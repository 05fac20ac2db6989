// REST server accounts managed in the settings, used by a real restic client against /rest.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect } from "@playwright/test";
import { ensureAdmin, signIn, test } from "./helpers";

const RESTIC = process.env.RESTIC_BIN ?? path.join(import.meta.dirname, "../.tools/restic-0.18/usr/bin/restic");

function restic(repository: string, args: string[]) {
  return spawnSync(RESTIC, ["-r", repository, "--no-cache", ...args], {
    env: { ...process.env, RESTIC_PASSWORD: "repository-password" },
    encoding: "utf8",
  });
}

test("a REST account created in the settings lets restic init a repository until it is deleted", async ({
  page,
  baseURL,
}) => {
  await signIn(page, await ensureAdmin(baseURL!));
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "REST server accounts" });
  const host = new URL(baseURL!).host;
  await expect(section.getByTestId("rest-usage-command")).toHaveText(
    `restic -r rest:http://USER:PASSWORD@${host}/rest/USER/<repo>/ init`,
  );

  const username = `e2e-${randomBytes(3).toString("hex")}`;
  const password = "rest-password-1";
  const form = section.getByRole("form", { name: "New REST account" });
  await form.getByLabel("Username").fill(username);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Create account" }).click();
  const row = section.getByRole("row", { name: new RegExp(username) });
  await expect(row).toContainText("Yes"); // private repositories by default
  await expect(row).toContainText("None");

  const repository = `rest:http://${username}:${password}@${host}/rest/${username}/repo1/`;
  const init = restic(repository, ["init"]);
  expect(init.status, init.stderr).toBe(0);

  await row.getByRole("button", { name: `Edit ${username}` }).click();
  const edit = section.getByRole("form", { name: `Edit ${username}` });
  await edit.getByLabel("Quota in GiB (optional)").fill("2");
  await edit.getByLabel("Append-only").check();
  await edit.getByRole("button", { name: "Save account" }).click();
  await expect(edit).toHaveCount(0);
  await expect(row).toContainText("2.00 GiB");
  expect(restic(repository, ["snapshots"]).status, "the password is kept by an edit without one").toBe(0);

  await row.getByRole("button", { name: `Delete ${username}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete account" }).click();
  await expect(row).toHaveCount(0);
  const refused = restic(repository, ["snapshots"]);
  expect(refused.status).not.toBe(0);
  expect(refused.stderr).toMatch(/401/);
});
