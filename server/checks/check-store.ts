// The rows behind scheduled integrity checks: a repository's check schedule with its rotation, and the result of
// every run.
import { count, desc, eq } from "drizzle-orm";
import { database } from "@/db/client";
import { repositoryCheckSchedules, repositoryChecks } from "@/db/schema";
import type { PaginationQuery } from "@/server/http/pagination";

export type CheckScheduleRow = typeof repositoryCheckSchedules.$inferSelect;
export type CheckResultRow = typeof repositoryChecks.$inferSelect;

export async function findCheckSchedule(repositoryId: string): Promise<CheckScheduleRow | null> {
  const db = await database();
  const [row] = await db
    .select()
    .from(repositoryCheckSchedules)
    .where(eq(repositoryCheckSchedules.repositoryId, repositoryId));
  return row ?? null;
}

export async function saveCheckSchedule(
  values: Omit<CheckScheduleRow, "createdAt" | "updatedAt" | "nextSubset">,
): Promise<CheckScheduleRow> {
  const db = await database();
  const { repositoryId, ...changes } = values;
  const [row] = await db
    .insert(repositoryCheckSchedules)
    .values(values)
    .onConflictDoUpdate({ target: repositoryCheckSchedules.repositoryId, set: changes })
    .returning();
  return row;
}

export async function deleteCheckSchedule(repositoryId: string): Promise<boolean> {
  const db = await database();
  const deleted = await db
    .delete(repositoryCheckSchedules)
    .where(eq(repositoryCheckSchedules.repositoryId, repositoryId))
    .returning({ id: repositoryCheckSchedules.repositoryId });
  return deleted.length > 0;
}

export async function setNextSubset(repositoryId: string, nextSubset: number): Promise<void> {
  const db = await database();
  await db
    .update(repositoryCheckSchedules)
    .set({ nextSubset })
    .where(eq(repositoryCheckSchedules.repositoryId, repositoryId));
}

export async function insertCheckResult(values: Omit<CheckResultRow, "id">): Promise<CheckResultRow> {
  const db = await database();
  const [row] = await db.insert(repositoryChecks).values(values).returning();
  return row;
}

/** The latest `count` results, newest first. */
export async function recentCheckResults(repositoryId: string, count: number): Promise<CheckResultRow[]> {
  const db = await database();
  return db
    .select()
    .from(repositoryChecks)
    .where(eq(repositoryChecks.repositoryId, repositoryId))
    .orderBy(desc(repositoryChecks.finishedAt), desc(repositoryChecks.id))
    .limit(count);
}

export async function findCheckResults(repositoryId: string, page: PaginationQuery) {
  const db = await database();
  const where = eq(repositoryChecks.repositoryId, repositoryId);
  const [{ total }] = await db.select({ total: count() }).from(repositoryChecks).where(where);
  const rows = await db
    .select()
    .from(repositoryChecks)
    .where(where)
    .orderBy(desc(repositoryChecks.finishedAt), desc(repositoryChecks.id))
    .limit(page.limit)
    .offset(page.offset);
  return { rows, total };
}
