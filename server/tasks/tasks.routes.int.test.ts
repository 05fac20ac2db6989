// The task routes as Next serves them: the app's route handlers called with real requests, authenticated by a
// session cookie, and the event streams read frame by frame.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as organizationEvents } from "@/app/api/v1/events/route";
import { POST as cancel } from "@/app/api/v1/tasks/[taskId]/cancel/route";
import { GET as taskEvents } from "@/app/api/v1/tasks/[taskId]/events/route";
import { GET as getOne } from "@/app/api/v1/tasks/[taskId]/route";
import { GET as taskListEvents } from "@/app/api/v1/tasks/events/route";
import { GET as history } from "@/app/api/v1/tasks/history/route";
import { GET as listActive } from "@/app/api/v1/tasks/route";
import { database } from "@/db/client";
import { SESSION_COOKIE } from "@/server/auth/cookies";
import { createSession } from "@/server/auth/sessions.service";
import { setRegistrationEnabled, signUp } from "@/server/auth/users.service";
import { findMembership } from "@/server/organizations/organizations.service";
import { drivenRun } from "./driven-run.test-helper";
import { publishEvent } from "./event-bus";
import { readSseFrames, type SseFrame } from "./sse-test-reader.test-helper";
import type { TaskDto } from "./task.schema";
import { startTask, waitForTask } from "./task-runner";

type Member = { cookie: string; organizationId: string };
let alice: Member;
let bob: Member;

async function member(name: string): Promise<Member> {
  const user = await signUp({ email: `${name}@example.com`, password: "correct horse battery", name, username: name });
  const { token } = await createSession(user.id);
  const membership = await findMembership(user.id);
  return { cookie: `${SESSION_COOKIE}=${token}`, organizationId: membership!.organizationId };
}

beforeAll(async () => {
  await database();
  alice = await member("alice");
  await setRegistrationEnabled(true);
  bob = await member("bob");
});

function call(
  handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>,
  path: string,
  options: { as?: Member; params?: Record<string, string>; method?: string; signal?: AbortSignal } = {},
) {
  const headers = options.as ? { cookie: options.as.cookie } : undefined;
  const request = new Request(`http://localhost:4096${path}`, {
    method: options.method,
    headers,
    signal: options.signal,
  });
  return handler(request, { params: Promise.resolve(options.params ?? {}) });
}

const isTaskChange = (taskId: string, status?: string) => (frame: SseFrame) =>
  frame.event === "task:changed" &&
  (frame.data as TaskDto).id === taskId &&
  (status === undefined || (frame.data as TaskDto).status === status);

describe("task routes", () => {
  it("need a session or API key", async () => {
    const response = await call(listActive, "/api/v1/tasks");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "Invalid or expired session" });
  });

  it("list active tasks, get one, cancel it, and keep other organizations out", async () => {
    const driven = drivenRun();
    const task = await startTask(
      { kind: "doctor", organizationId: alice.organizationId, resourceType: "repository", resourceId: "repo1234" },
      driven.run,
    );
    await driven.started;

    const listed = await call(listActive, "/api/v1/tasks?resourceType=repository&resourceId=repo1234", { as: alice });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject([{ id: task.id, status: "running", kind: "doctor" }]);
    expect(await (await call(listActive, "/api/v1/tasks", { as: bob })).json()).toEqual([]);

    const halfFilter = await call(listActive, "/api/v1/tasks?resourceType=repository", { as: alice });
    expect(halfFilter.status).toBe(400);
    expect((await halfFilter.json()).message).toMatch(/resourceType and resourceId must be given together/);

    const params = { taskId: task.id };
    expect(await (await call(getOne, `/api/v1/tasks/${task.id}`, { as: alice, params })).json()).toMatchObject({
      id: task.id,
      status: "running",
    });
    expect((await call(getOne, `/api/v1/tasks/${task.id}`, { as: bob, params })).status).toBe(404);
    expect((await call(cancel, `/api/v1/tasks/${task.id}/cancel`, { as: bob, params, method: "POST" })).status).toBe(
      404,
    );

    const cancelled = await call(cancel, `/api/v1/tasks/${task.id}/cancel`, { as: alice, params, method: "POST" });
    expect(cancelled.status).toBe(202);
    expect(await cancelled.json()).toEqual({ status: "cancelling" });
    expect((await waitForTask(task.id))?.status).toBe("cancelled");

    const again = await call(cancel, `/api/v1/tasks/${task.id}/cancel`, { as: alice, params, method: "POST" });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ message: "Task is not cancellable or is no longer running" });
  });

  it("page the history and validate its query", async () => {
    for (const kind of ["backup", "restore", "backup"] as const) {
      const task = await startTask({ kind, organizationId: bob.organizationId }, async () => {});
      await waitForTask(task.id);
    }
    const page = await call(history, "/api/v1/tasks/history?kind=backup&pageSize=1&page=2", { as: bob });
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({
      page: 2,
      pageSize: 1,
      totalItems: 2,
      totalPages: 2,
      items: [{ kind: "backup" }],
    });
    expect(await (await call(history, "/api/v1/tasks/history", { as: bob })).json()).toMatchObject({
      page: 1,
      pageSize: 25,
      totalItems: 3,
    });
    for (const query of ["page=0", "pageSize=101", "status=done", "kind=nope"]) {
      expect((await call(history, `/api/v1/tasks/history?${query}`, { as: bob })).status).toBe(400);
    }
  });
});

describe("task event streams", () => {
  it("/tasks/events: connected, the active tasks, then matching changes of the caller's organization only", async () => {
    const running = drivenRun();
    const existing = await startTask({ kind: "backup", organizationId: alice.organizationId }, running.run);
    await running.started;

    const disconnect = new AbortController();
    const response = await call(taskListEvents, "/api/v1/tasks/events?kind=backup", {
      as: alice,
      signal: disconnect.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const frames = readSseFrames(response);
    expect(await frames.next()).toMatchObject({ event: "connected", data: { type: "connected" } });
    const snapshot = await frames.next();
    expect(snapshot).toMatchObject({ event: "tasks:snapshot", data: [{ id: existing.id, status: "running" }] });
    expect(snapshot?.data).toHaveLength(1);

    const bobs = await startTask({ kind: "backup", organizationId: bob.organizationId }, async () => {});
    const otherKind = await startTask({ kind: "doctor", organizationId: alice.organizationId }, async () => {});
    running.reportProgress({ percent: 42 });
    running.finish();
    const seen = await frames.until(isTaskChange(existing.id, "success"));

    const ids = new Set(seen.map((frame) => (frame.data as TaskDto).id));
    expect(ids).toEqual(new Set([existing.id]));
    expect(seen.some((frame) => JSON.stringify((frame.data as TaskDto).progress) === '{"percent":42}')).toBe(true);
    expect(ids.has(bobs.id) || ids.has(otherKind.id)).toBe(false);

    disconnect.abort();
    expect(await frames.next()).toBeNull();
  });

  it("/tasks/{id}/events: connected, the current state, its changes, then the stream ends", async () => {
    const driven = drivenRun();
    const task = await startTask({ kind: "restore", organizationId: alice.organizationId }, driven.run);
    await driven.started;

    const params = { taskId: task.id };
    const frames = readSseFrames(await call(taskEvents, `/api/v1/tasks/${task.id}/events`, { as: alice, params }));
    expect((await frames.next())?.event).toBe("connected");
    expect(await frames.next()).toMatchObject({ event: "task:changed", data: { id: task.id, status: "running" } });

    driven.reportProgress({ files: 3 });
    expect(await frames.next()).toMatchObject({ event: "task:changed", data: { progress: { files: 3 } } });
    driven.finish({ result: { restored: 3 } });
    expect(await frames.until(isTaskChange(task.id, "success"))).toContainEqual(
      expect.objectContaining({ data: expect.objectContaining({ result: { restored: 3 } }) }),
    );
    expect(await frames.next()).toBeNull();

    // A finished task: its final state, then the end.
    const finished = readSseFrames(await call(taskEvents, `/api/v1/tasks/${task.id}/events`, { as: alice, params }));
    expect((await finished.next())?.event).toBe("connected");
    expect(await finished.next()).toMatchObject({ event: "task:changed", data: { status: "success" } });
    expect(await finished.next()).toBeNull();

    const foreign = await call(taskEvents, `/api/v1/tasks/${task.id}/events`, { as: bob, params });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({ message: "Task not found" });
  });

  it("/events: every event of the caller's organization, nothing of another's", async () => {
    const disconnect = new AbortController();
    const frames = readSseFrames(
      await call(organizationEvents, "/api/v1/events", { as: bob, signal: disconnect.signal }),
    );
    expect(await frames.next()).toEqual({
      event: "connected",
      data: { type: "connected", timestamp: expect.any(Number) },
    });

    publishEvent(alice.organizationId, "volume:mounted", {
      organizationId: alice.organizationId,
      volumeName: "secret",
    });
    publishEvent(bob.organizationId, "volume:mounted", { organizationId: bob.organizationId, volumeName: "photos" });
    const task = await startTask({ kind: "statsRefresh", organizationId: bob.organizationId }, async () => {});

    expect(await frames.next()).toEqual({
      event: "volume:mounted",
      data: { organizationId: bob.organizationId, volumeName: "photos" },
    });
    const changes = await frames.until(isTaskChange(task.id, "success"));
    expect(changes.every((frame) => frame.event === "task:changed")).toBe(true);
    expect(changes.map((frame) => (frame.data as TaskDto).status)).toEqual(["queued", "running", "success"]);
    disconnect.abort();
    expect(await frames.next()).toBeNull();
  });
});
