// The built-in restic REST server as other machines use it: real restic against the running app at /rest/,
// with accounts managed through /api/v1/rest-users.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiSession, apiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { restic, sampleFiles } from "../restic-cli";

let app: AppServer;
let admin: ApiSession;
beforeAll(async () => {
  app = await startApp();
  admin = await signUpAdmin(app.url);
});
afterAll(() => app?.stop());

const PASSWORD = "repository-password";

it("takes a backup from restic, verifies it, restores it identically, and locks out a deleted account", async () => {
  const { data: user, response } = await admin.client.POST("/api/v1/rest-users", {
    body: { username: "laptop", password: "laptop-secret-pw" },
  });
  expect(response.status).toBe(201);
  expect(user).toMatchObject({
    username: "laptop",
    privateRepos: true,
    appendOnly: false,
    quotaBytes: null,
    usedBytes: 0,
  });
  expect(JSON.stringify(user)).not.toContain("laptop-secret-pw");

  const repository = `rest:${app.url.replace("http://", "http://laptop:laptop-secret-pw@")}/rest/laptop/home/`;
  restic(repository, PASSWORD, ["init"]);
  expect(() => restic(repository, PASSWORD, ["init"])).toThrow();

  const source = sampleFiles({ "notes.txt": "remember the milk", "photos/cat.jpg": "not really a cat".repeat(5000) });
  restic(repository, PASSWORD, ["backup", source]);
  expect(restic(repository, PASSWORD, ["check", "--read-data"])).toMatch(/no errors were found/);

  const target = mkdtempSync(path.join(tmpdir(), "zerobyte-restore-"));
  restic(repository, PASSWORD, ["restore", "latest", "--target", target, "--no-cache"]);
  for (const file of ["notes.txt", "photos/cat.jpg"]) {
    expect(readFileSync(path.join(target, source, file))).toEqual(readFileSync(path.join(source, file)));
  }
  // Stored in restic's own layout: the folder opens as a plain local repository too.
  expect(
    JSON.parse(restic(path.join(app.dataDir, "rest", "laptop", "home"), PASSWORD, ["snapshots", "--json"])),
  ).toHaveLength(1);

  const { data: used } = await admin.client.GET("/api/v1/rest-users/{id}", { params: { path: { id: user!.id } } });
  expect(used!.usedBytes).toBeGreaterThan(0);

  await admin.client.DELETE("/api/v1/rest-users/{id}", { params: { path: { id: user!.id } } });
  expect(() => restic(repository, PASSWORD, ["snapshots"])).toThrow(/401/);
});

it("lets only instance admins manage REST accounts", async () => {
  const created = await admin.client.POST("/api/auth/sign-up/email", {
    body: { email: "member@example.com", password: "member-password-1", name: "Member" },
  });
  expect(created.response.status).toBe(200);
  const member = apiSession(app.url);
  await member.client.POST("/api/auth/sign-in/email", {
    body: { email: "member@example.com", password: "member-password-1" },
  });
  const { response, error } = await member.client.GET("/api/v1/rest-users");
  expect(response.status).toBe(403);
  expect(error?.message).toMatch(/administrators/);
});
