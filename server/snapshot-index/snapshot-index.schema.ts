import { z } from "zod";
import { pageMetaSchema, paginationQuerySchema } from "@/server/http/pagination";
import { repositoryParamsSchema } from "@/server/repositories/repositories.schema";
import { NODE_TYPES } from "@/server/restic/ls";

/** An absolute path inside a snapshot (`/` the top); checked like every snapshot path (no `.` or `..`). */
const snapshotPathSchema = z.string().min(1).max(4096);

export const searchQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().min(1, { message: "must not be empty" }).max(256),
  snapshotId: z.string().min(1).optional(),
  path: snapshotPathSchema.default("/"),
  type: z.enum(NODE_TYPES).optional(),
});

export const searchResponseSchema = pageMetaSchema.extend({
  results: z.array(
    z.object({
      snapshotId: z.string(),
      /** Epoch milliseconds. */
      snapshotTime: z.number(),
      path: z.string(),
      type: z.string(),
      size: z.number().nullable(),
      mtime: z.string().nullable(),
    }),
  ),
  /** More than 20,000 names matched: only the first of them were placed in snapshots. Narrow the query. */
  truncated: z.boolean(),
  /** Snapshots not searched because they are not indexed yet (their indexing has been started). */
  unindexedSnapshots: z.number().int(),
});

export const historyQuerySchema = z.object({
  path: snapshotPathSchema,
});

export const historyResponseSchema = z.object({
  path: z.string(),
  versions: z.array(
    z.object({
      snapshotId: z.string(),
      shortId: z.string(),
      snapshotTime: z.number(),
      type: z.string(),
      size: z.number().nullable(),
      mtime: z.string().nullable(),
      changed: z.boolean(),
    }),
  ),
  unindexedSnapshots: z.number().int(),
});

export const diffParamsSchema = repositoryParamsSchema.extend({
  snapshotId: z.string().min(1),
  otherId: z.string().min(1),
});
export const diffQuerySchema = paginationQuerySchema.extend({
  path: snapshotPathSchema.default("/"),
  depth: z.coerce.number().int().min(1).max(64).optional(),
});

const changeCountsSchema = z.object({ added: z.number(), removed: z.number() });
export const diffResponseSchema = pageMetaSchema.extend({
  from: z.string(),
  to: z.string(),
  path: z.string(),
  depth: z.number().nullable(),
  summary: z.object({
    added: z.number(),
    removed: z.number(),
    changed: z.number(),
    typeChanged: z.number(),
    bytesAdded: z.number(),
    bytesRemoved: z.number(),
    files: changeCountsSchema.extend({ changed: z.number() }),
    dirs: changeCountsSchema,
    others: changeCountsSchema,
  }),
  entries: z.array(
    z.object({
      path: z.string(),
      change: z.enum(["added", "removed", "changed", "typeChanged"]),
      type: z.string(),
      sizeBefore: z.number().nullable(),
      sizeAfter: z.number().nullable(),
      delta: z.number(),
    }),
  ),
});

/** Which snapshots to index; without a body, every snapshot not indexed yet. */
export const indexBodySchema = z
  .object({ snapshotIds: z.array(z.string().min(1)).min(1).max(1000).optional() })
  .optional();

export const indexStatusSchema = z.object({
  indexBytes: z.number(),
  snapshots: z.array(
    z.object({
      id: z.string(),
      short_id: z.string(),
      time: z.number(),
      status: z.enum(["indexed", "queued", "indexing", "not_indexed"]),
      nodes: z.number().nullable(),
      indexedAt: z.number().nullable(),
    }),
  ),
});
