// The admin CLI against a real database, run as an admin would: `npm run cli -- <command>`.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { createSession, resolveSessionToken } from "@/server/auth/sessions.service";
import { findUserByLogin } from "@/server/auth/users.service";

const root = path.resolve(import.meta.dirname, "../..");

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "server/cli/main.ts", ...args], {
    cwd: root,
    env: process.env,
    encoding: "utf8",
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

it("creates users, lists them, resets a password (ending sessions) and reports bad input", async () => {
  const created = cli("create-user", "--email", "Ops@Example.com", "--name", "Ops", "--admin");
  expect(created.status).toBe(0);
  expect(created.out).toMatch(/created ops \(ops@example.com, admin\)/);
  const generated = created.out.match(/password: (\S+)/)?.[1];
  expect(generated).toBeTruthy();

  expect(cli("list-users").out).toMatch(/^ops\tops@example.com\tadmin$/m);

  const user = await findUserByLogin({ username: "ops" });
  const { token } = await createSession(user!.id);
  expect(await resolveSessionToken(token)).not.toBeNull();
  expect(cli("reset-password", "--user", "ops", "--password", "a-new-password-1").status).toBe(0);
  expect(await resolveSessionToken(token)).toBeNull();

  const invalid = cli("create-user", "--email", "nope", "--name", "X");
  expect(invalid.status).toBe(1);
  expect(invalid.err).toMatch(/email/);
  expect(cli("disable-2fa", "--user", "nobody").err).toMatch(/No user nobody/);
});
