// The server-action door: refused without a session, field errors for invalid input, service errors as results.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { currentActor } from "@/server/audit/audit-actor";
import type { AuthContext } from "@/server/auth/auth-context";
import { ConflictError } from "@/server/http/errors";

const session = { current: null as AuthContext | null };
vi.mock("@/server/trpc/server-auth", () => ({ getPageAuth: vi.fn(async () => session.current) }));
vi.mock("next/headers", () => ({ headers: vi.fn(async () => new Headers({ "x-forwarded-for": "192.0.2.7" })) }));

import { createScheduleAction } from "./backups.actions";
import { runAction } from "./run-action";
import { createVolumeAction } from "./volumes.actions";

const admin = {
  user: { id: "u1", email: "a@example.com", username: "a", name: "A", role: "admin" },
  organizationId: "org-1",
  memberRole: "owner",
  method: "session",
} as unknown as AuthContext;

const schema = z.object({ name: z.string().min(3, "must be at least 3 characters"), count: z.coerce.number().int() });

beforeEach(() => {
  session.current = admin;
});

describe("runAction", () => {
  it("refuses a caller without a session before reading the input", async () => {
    session.current = null;
    const work = vi.fn();
    const result = await runAction(schema, { name: "okay", count: 1 }, work);
    expect(result).toEqual({
      ok: false,
      status: 401,
      message: "Your session has ended. Sign in again.",
      fieldErrors: {},
    });
    expect(work).not.toHaveBeenCalled();
  });

  it("answers invalid input with each field's message, without running the work", async () => {
    const work = vi.fn();
    const result = await runAction(schema, { name: "x", count: 1.5 }, work);
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { name: "must be at least 3 characters", count: expect.any(String) },
    });
    expect(work).not.toHaveBeenCalled();
  });

  it("records the caller as the audit actor of the work", async () => {
    const actor = await runAction(schema, { name: "three", count: 1 }, async () => currentActor());
    expect(actor).toEqual({
      ok: true,
      data: { actorId: "u1", actorName: "a", method: "session", ip: "192.0.2.7", organizationId: "org-1" },
    });
  });

  it("hands the caller and the parsed input to the work, and a form post's fields by name", async () => {
    const work = vi.fn(async (_auth: AuthContext, value: z.output<typeof schema>) => value.count * 2);
    const form = new FormData();
    form.set("name", "three");
    form.set("count", "21");
    expect(await runAction(schema, form, work)).toEqual({ ok: true, data: 42 });
    expect(work).toHaveBeenCalledWith(admin, { name: "three", count: 21 });
  });

  it("turns a service's typed error into the form's message, and hides unexpected ones", async () => {
    const conflict = await runAction(schema, { name: "three", count: 1 }, async () => {
      throw new ConflictError('A volume named "three" already exists');
    });
    expect(conflict).toEqual({
      ok: false,
      status: 409,
      message: 'A volume named "three" already exists',
      fieldErrors: {},
    });
    const crash = await runAction(schema, { name: "three", count: 1 }, async () => {
      throw new Error("secret internals");
    });
    expect(crash).toMatchObject({ ok: false, status: 500, message: "Internal server error" });
  });
});

describe("the domain actions", () => {
  it("are refused without a session", async () => {
    session.current = null;
    const result = await createVolumeAction(null, { name: "v", config: { backend: "directory", path: "/srv" } });
    expect(result).toMatchObject({ ok: false, status: 401 });
  });

  it("validate with the REST API's schema: a bad cron expression is an error on its field", async () => {
    const result = await createScheduleAction(null, {
      name: "Nightly",
      volumeId: "vol1",
      repositoryId: "repo1",
      enabled: true,
      cronExpression: "every night",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(result.fieldErrors.cronExpression).toMatch(/Invalid cron expression "every night"/);
  });
});
