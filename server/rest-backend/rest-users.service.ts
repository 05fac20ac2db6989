// REST users: the accounts restic clients use for HTTP Basic auth on /rest (SPEC §4).

import { randomUUID } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { database } from "@/db/client";
import { restUsers } from "@/db/schema";
import { recordAudit } from "@/server/audit/audit.service";
import { hashPassword } from "@/server/auth/passwords";
import { getConfig } from "@/server/config";
import { validationError } from "@/server/http/error-response";
import { ConflictError, NotFoundError } from "@/server/http/errors";
import { forgetRestLogins, REST_PASSWORD_COST } from "./basic-auth";
import { pathExists } from "./blob-store";
import { forgetNamespaceUsage, namespaceUsage } from "./quota";
import { forgetRestUsers, type RestUserRecord } from "./rest-user-directory";
import {
  type CreateRestUserInput,
  createRestUserSchema,
  type RestUser,
  type UpdateRestUserInput,
  updateRestUserSchema,
} from "./rest-users.schema";

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError("input", result.error);
  return result.data;
}

function namespaceFolder(username: string): string {
  return path.join(getConfig().restDir, username);
}

async function toRestUser(row: RestUserRecord): Promise<RestUser> {
  return {
    id: row.id,
    username: row.username,
    privateRepos: row.privateRepos,
    appendOnly: row.appendOnly,
    quotaBytes: row.quotaBytes,
    usedBytes: (await namespaceUsage(namespaceFolder(row.username))).bytes,
    createdAt: row.createdAt,
  };
}

function changed(): void {
  forgetRestUsers();
  forgetRestLogins();
}

async function findRow(id: string): Promise<RestUserRecord> {
  const db = await database();
  const [row] = await db.select().from(restUsers).where(eq(restUsers.id, id));
  if (!row) throw new NotFoundError("REST user not found");
  return row;
}

async function assertUsernameFree(username: string): Promise<void> {
  const db = await database();
  const [taken] = await db.select({ id: restUsers.id }).from(restUsers).where(eq(restUsers.username, username));
  if (taken) throw new ConflictError(`A REST user named "${username}" already exists`);
}

function isUniqueViolation(error: unknown): boolean {
  const text = `${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? "")}`;
  return text.includes("UNIQUE constraint failed");
}

/** What an account may do, for the audit log. */
const restUserFlags = (row: typeof restUsers.$inferSelect) => ({
  privateRepos: row.privateRepos,
  appendOnly: row.appendOnly,
  quotaBytes: row.quotaBytes,
});

export async function listRestUsers(): Promise<RestUser[]> {
  const db = await database();
  const rows = await db.select().from(restUsers).orderBy(restUsers.username);
  return Promise.all(rows.map(toRestUser));
}

export async function getRestUser(id: string): Promise<RestUser> {
  return toRestUser(await findRow(id));
}

export async function createRestUser(input: CreateRestUserInput): Promise<RestUser> {
  const data = parse(createRestUserSchema, input);
  await assertUsernameFree(data.username);
  const db = await database();
  const { password, ...fields } = data;
  try {
    const [row] = await db
      .insert(restUsers)
      .values({ id: randomUUID(), ...fields, passwordHash: await hashPassword(password, REST_PASSWORD_COST) })
      .returning();
    await recordAudit({ action: "rest_user.create", target: row.username, details: restUserFlags(row) });
    return toRestUser(row);
  } catch (error) {
    // Two creations of the same name racing past the check above.
    if (isUniqueViolation(error)) throw new ConflictError(`A REST user named "${data.username}" already exists`);
    throw error;
  } finally {
    changed();
  }
}

/**
 * A private user's repositories live in its folder, so a rename moves the folder along; a folder already
 * holding data under the new name is a conflict.
 */
async function moveNamespace(from: string, to: string): Promise<void> {
  const source = namespaceFolder(from);
  const target = namespaceFolder(to);
  if (await pathExists(target)) throw new ConflictError(`The REST folder "${to}" already exists`);
  await rename(source, target).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  forgetNamespaceUsage(source);
  forgetNamespaceUsage(target);
}

export async function updateRestUser(id: string, input: UpdateRestUserInput): Promise<RestUser> {
  const data = parse(updateRestUserSchema, input);
  const current = await findRow(id);
  const renamed = data.username !== undefined && data.username !== current.username;
  if (renamed) await assertUsernameFree(data.username!);
  const { password, ...fields } = data;
  const values = {
    ...fields,
    ...(password !== undefined && { passwordHash: await hashPassword(password, REST_PASSWORD_COST) }),
  };
  if (Object.keys(values).length === 0) return toRestUser(current);
  if (renamed) await moveNamespace(current.username, data.username!);
  const db = await database();
  try {
    const [row] = await db.update(restUsers).set(values).where(eq(restUsers.id, id)).returning();
    await recordAudit({
      action: "rest_user.update",
      target: row.username,
      details: {
        changedFields: Object.keys(data),
        ...restUserFlags(row),
        ...(renamed && { renamedFrom: current.username }),
      },
    });
    return toRestUser(row);
  } finally {
    changed();
  }
}

/**
 * The folder of a deleted account must not stay reachable under its name: a new account called the same would
 * inherit the backups (and a private one could read and delete them). It is moved to DATA_DIR/rest-deleted, which
 * the REST server never serves, or deleted with `purge`.
 */
async function retireNamespace(username: string, purge: boolean): Promise<void> {
  const folder = namespaceFolder(username);
  if (purge) {
    await rm(folder, { recursive: true, force: true });
  } else if (await pathExists(folder)) {
    const archive = path.join(getConfig().dataDir, "rest-deleted");
    await mkdir(archive, { recursive: true, mode: 0o700 });
    await rename(folder, path.join(archive, `${username}-${new Date().toISOString().replace(/[:.]/g, "-")}`));
  }
  forgetNamespaceUsage(folder);
}

/** Removes the account; its repositories are set aside (or deleted with `purge`). */
export async function deleteRestUser(id: string, options: { purge?: boolean } = {}): Promise<void> {
  const row = await findRow(id);
  const db = await database();
  await db.delete(restUsers).where(eq(restUsers.id, id));
  changed();
  await retireNamespace(row.username, options.purge ?? false);
  await recordAudit({ action: "rest_user.delete", target: row.username });
}
