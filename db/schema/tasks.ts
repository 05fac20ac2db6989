import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";

export const TASK_STATUSES = ["queued", "running", "success", "warning", "failed", "cancelled", "interrupted"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const tasks = sqliteTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id"),
    kind: text("kind").notNull(),
    status: text("status", { enum: TASK_STATUSES }).notNull(),
    /** What the task works on, e.g. `repository` + its shortId. */
    resourceType: text("resource_type"),
    resourceId: text("resource_id"),
    /** At most one active task per key (e.g. one backup per schedule); enforced by the partial unique index below. */
    exclusiveKey: text("exclusive_key"),
    input: text("input", { mode: "json" }).$type<unknown>(),
    progress: text("progress", { mode: "json" }).$type<unknown>(),
    result: text("result", { mode: "json" }).$type<unknown>(),
    error: text("error"),
    cancellationRequested: integer("cancellation_requested", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
  },
  (t) => [
    index("tasks_status").on(t.status),
    index("tasks_resource").on(t.resourceType, t.resourceId),
    index("tasks_organization_created").on(t.organizationId, t.createdAt),
    // The database, not process memory, guards the key: the check and the insert are one atomic step.
    uniqueIndex("tasks_exclusive_key_active")
      .on(t.exclusiveKey)
      .where(sql`exclusive_key IS NOT NULL AND status IN ('queued', 'running')`),
  ],
);
