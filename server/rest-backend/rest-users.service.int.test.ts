import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getConfig } from "@/server/config";
import { AppError } from "@/server/http/errors";
import { authenticate } from "./basic-auth";
import { createRestUser, deleteRestUser, getRestUser, listRestUsers, updateRestUser } from "./rest-users.service";

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
  return 200;
}

describe("REST users service", () => {
  it("creates with defaults and never returns the hash", async () => {
    const user = await createRestUser({ username: "dave", password: "password-1" });
    expect(user).toEqual({
      id: expect.any(String),
      username: "dave",
      privateRepos: true,
      appendOnly: false,
      quotaBytes: null,
      usedBytes: 0,
      createdAt: expect.any(Number),
    });
    expect(JSON.stringify(await listRestUsers())).not.toContain("$2");
    expect(await getRestUser(user.id)).toEqual(user);
  });

  it("refuses duplicates with 409 and bad input with 400", async () => {
    await createRestUser({ username: "erin", password: "password-1", appendOnly: true, quotaBytes: 5000 });
    expect(await statusOf(createRestUser({ username: "erin", password: "password-2" }))).toBe(409);
    for (const input of [
      { username: "E", password: "password-1" },
      { username: "x", password: "password-1" },
      { username: "a".repeat(33), password: "password-1" },
      { username: "bad/name", password: "password-1" },
      { username: "data", password: "password-1" },
      { username: "config", password: "password-1" },
      { username: "..", password: "password-1" },
      { username: "frank", password: "short" },
      { username: "frank", password: "x".repeat(73) },
      { username: "frank", password: "password-1", quotaBytes: -1 },
      { username: "frank", password: "password-1", quotaBytes: 1.5 },
    ]) {
      expect(await statusOf(createRestUser(input)), JSON.stringify(input)).toBe(400);
    }
  });

  it("answers 404 for unknown ids", async () => {
    expect(await statusOf(getRestUser("nope"))).toBe(404);
    expect(await statusOf(updateRestUser("nope", { appendOnly: true }))).toBe(404);
    expect(await statusOf(deleteRestUser("nope"))).toBe(404);
  });

  it("updates flags and password; old logins stop working at once", async () => {
    const { id } = await createRestUser({ username: "gina", password: "password-1" });
    expect((await authenticate(basic("gina", "password-1"), "127.0.0.1"))?.username).toBe("gina");
    const updated = await updateRestUser(id, { password: "password-2", privateRepos: false, quotaBytes: 100 });
    expect(updated).toMatchObject({ privateRepos: false, quotaBytes: 100, appendOnly: false });
    expect(await authenticate(basic("gina", "password-1"), "127.0.0.1")).toBeNull();
    expect((await authenticate(basic("gina", "password-2"), "127.0.0.1"))?.privateRepos).toBe(false);
    expect((await updateRestUser(id, { quotaBytes: null })).quotaBytes).toBeNull();
  });

  it("moves the user's folder along with a rename and counts its bytes", async () => {
    // Data already on disk (e.g. from before a restart) is measured on first need.
    const restDir = getConfig().restDir;
    await mkdir(path.join(restDir, "hank/repo/keys"), { recursive: true });
    await writeFile(path.join(restDir, "hank/repo/keys/k"), "12345");
    const { id } = await createRestUser({ username: "hank", password: "password-1" });
    expect((await getRestUser(id)).usedBytes).toBe(5);
    await mkdir(path.join(restDir, "taken"), { recursive: true });
    expect(await statusOf(updateRestUser(id, { username: "taken" }))).toBe(409);
    expect(await statusOf(updateRestUser(id, { username: "dave" }))).toBe(409);
    const renamed = await updateRestUser(id, { username: "hank2" });
    expect(renamed).toMatchObject({ username: "hank2", usedBytes: 5 });
    expect(existsSync(path.join(restDir, "hank2/repo/keys/k"))).toBe(true);
    expect(existsSync(path.join(restDir, "hank"))).toBe(false);
  });

  it("deletes the account (not its data) and its logins", async () => {
    const { id } = await createRestUser({ username: "ivy", password: "password-1" });
    expect(await authenticate(basic("ivy", "password-1"), "127.0.0.1")).not.toBeNull();
    await deleteRestUser(id);
    expect(await statusOf(getRestUser(id))).toBe(404);
    expect(await authenticate(basic("ivy", "password-1"), "127.0.0.1")).toBeNull();
  });
});
