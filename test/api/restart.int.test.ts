// What survives a restart on the same DATA_DIR, and what a crash leaves behind.
import path from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ADMIN, apiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";

let app: AppServer;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());

it("keeps users, keeps revoked sessions revoked, and marks a task left running as interrupted", async () => {
  const kept = await signUpAdmin(app.url);
  const revoked = apiSession(app.url);
  await revoked.client.POST("/api/auth/sign-in/email", { body: { email: ADMIN.email, password: ADMIN.password } });
  const revokedCookie = revoked.cookieHeader();
  await revoked.client.POST("/api/auth/sign-out");

  // A task the previous process was running when it died.
  const db = createClient({ url: `file:${path.join(app.dataDir, "zerobyte.db")}` });
  const now = Date.now();
  await db.execute({
    sql: "INSERT INTO tasks (id, kind, status, created_at, updated_at, started_at, cancellation_requested) VALUES (?, 'doctor', 'running', ?, ?, ?, 0)",
    args: ["0190f000-0000-7000-8000-000000000001", now, now, now],
  });
  db.close();

  await app.stop("SIGKILL");
  await app.restart();

  const { data: status } = await apiSession(app.url).client.GET("/api/v1/auth/status");
  expect(status).toEqual({ hasUsers: true });
  expect((await kept.client.GET("/api/v1/auth/api-keys")).response.status).toBe(200);
  expect(
    (await apiSession(app.url, { cookie: revokedCookie }).client.GET("/api/v1/auth/api-keys")).response.status,
  ).toBe(401);
  const { data: task } = await kept.client.GET("/api/v1/tasks/{taskId}", {
    params: { path: { taskId: "0190f000-0000-7000-8000-000000000001" } },
  });
  expect(task).toMatchObject({ status: "interrupted" });
});
