// The `tasks` table: rows in, rows out, and their public shape. No task logic here.
import { and, count, desc, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import { database } from "@/db/client";
import { tasks } from "@/db/schema";
import { ConflictError } from "@/server/http/errors";
import { ACTIVE_TASK_STATUSES, type TaskDto, type TaskHistoryQuery, type TaskKind } from "./task.schema";

export type TaskRow = typeof tasks.$inferSelect;
export type TaskPatch = Partial<Omit<typeof tasks.$inferInsert, "id" | "organizationId" | "kind" | "createdAt">>;

export function toTaskDto(row: TaskRow): TaskDto {
  return {
    id: row.id,
    kind: row.kind as TaskKind,
    status: row.status,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    input: row.input ?? null,
    progress: row.progress ?? null,
    result: row.result ?? null,
    error: row.error,
    cancellationRequested: row.cancellationRequested,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt,
  };
}

/** An organization sees its own tasks and the instance-wide ones (no organization). */
const visibleTo = (organizationId: string) =>
  or(eq(tasks.organizationId, organizationId), isNull(tasks.organizationId));

/** SQLite's message names the index's column when the partial unique index on active exclusive keys rejects a row. */
function isExclusiveKeyConflict(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause.message.includes("UNIQUE constraint failed: tasks.exclusive_key")) return true;
  }
  return false;
}

/** Inserts a task; another active task with the same exclusive key → ConflictError(conflictMessage). */
export async function insertTask(values: typeof tasks.$inferInsert, conflictMessage: string): Promise<TaskRow> {
  const db = await database();
  try {
    const [row] = await db.insert(tasks).values(values).returning();
    return row;
  } catch (error) {
    if (isExclusiveKeyConflict(error)) throw new ConflictError(conflictMessage);
    throw error;
  }
}

export async function updateTask(taskId: string, patch: TaskPatch): Promise<void> {
  const db = await database();
  await db.update(tasks).set(patch).where(eq(tasks.id, taskId));
}

export async function findTaskById(taskId: string): Promise<TaskRow | undefined> {
  const db = await database();
  const [row] = await db.select().from(tasks).where(eq(tasks.id, taskId));
  return row;
}

export async function findTask(taskId: string, organizationId: string): Promise<TaskRow | undefined> {
  const db = await database();
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), visibleTo(organizationId)));
  return row;
}

export type ActiveTaskFilter = { organizationId: string; kind?: TaskKind; resourceType?: string; resourceId?: string };

export async function findActiveTasks(filter: ActiveTaskFilter): Promise<TaskRow[]> {
  const db = await database();
  const conditions: (SQL | undefined)[] = [
    visibleTo(filter.organizationId),
    inArray(tasks.status, [...ACTIVE_TASK_STATUSES]),
    filter.kind && eq(tasks.kind, filter.kind),
    filter.resourceType !== undefined ? eq(tasks.resourceType, filter.resourceType) : undefined,
    filter.resourceId !== undefined ? eq(tasks.resourceId, filter.resourceId) : undefined,
  ];
  return db
    .select()
    .from(tasks)
    .where(and(...conditions))
    .orderBy(desc(tasks.createdAt), desc(tasks.id));
}

export async function findTaskPage(
  query: TaskHistoryQuery & { organizationId: string },
): Promise<{ rows: TaskRow[]; total: number }> {
  const db = await database();
  const where = and(
    visibleTo(query.organizationId),
    query.kind && eq(tasks.kind, query.kind),
    query.status && eq(tasks.status, query.status),
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(tasks)
      .where(where)
      .orderBy(desc(tasks.createdAt), desc(tasks.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(tasks).where(where),
  ]);
  return { rows, total };
}

export type InterruptedTask = Pick<TaskRow, "id" | "kind" | "input">;

/** Ends active rows as `interrupted`: all of them (start-up recovery) or the given ones (shutdown). */
export async function markTasksInterrupted(message: string, taskIds?: string[]): Promise<InterruptedTask[]> {
  const db = await database();
  const now = Date.now();
  return db
    .update(tasks)
    .set({ status: "interrupted", error: message, finishedAt: now, updatedAt: now })
    .where(and(inArray(tasks.status, [...ACTIVE_TASK_STATUSES]), taskIds ? inArray(tasks.id, taskIds) : undefined))
    .returning({ id: tasks.id, kind: tasks.kind, input: tasks.input });
}
