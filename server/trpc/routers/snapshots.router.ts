// Browsing snapshots for the web UI: folder pages (from the snapshot index when it is built), search, a path's
// history, diffs and the index's state. The restore form is a server action (server/actions/snapshots.actions.ts);
// downloads are plain links to /api/v1/…/dump, so the browser streams them to disk.
import { repositoryParamsSchema, snapshotParamsSchema } from "@/server/repositories/repositories.schema";
import {
  diffParamsSchema,
  diffQuerySchema,
  historyQuerySchema,
  searchQuerySchema,
} from "@/server/snapshot-index/snapshot-index.schema";
import {
  diffSnapshots,
  getIndexStatus,
  pathHistory,
  searchSnapshots,
  startIndexing,
} from "@/server/snapshot-index/snapshot-index.service";
import { listSnapshotFolder } from "@/server/snapshots/files.service";
import { type SnapshotDirectoryPage, snapshotFilesQuerySchema } from "@/server/snapshots/snapshots.schema";
import { createTRPCRouter, protectedProcedure } from "../init";
import { responseJson } from "./response-json";

export const snapshotsRouter = createTRPCRouter({
  files: protectedProcedure
    .input(snapshotParamsSchema.extend(snapshotFilesQuerySchema.shape))
    .query(({ ctx, input: { shortId, snapshotId, ...query }, signal }) =>
      responseJson<SnapshotDirectoryPage>(listSnapshotFolder(ctx.auth, shortId, snapshotId, query, signal)),
    ),
  search: protectedProcedure
    .input(repositoryParamsSchema.extend(searchQuerySchema.shape))
    .query(({ ctx, input: { shortId, ...query } }) => searchSnapshots(ctx.auth, shortId, query)),
  history: protectedProcedure
    .input(repositoryParamsSchema.extend(historyQuerySchema.shape))
    .query(({ ctx, input }) => pathHistory(ctx.auth, input.shortId, input.path)),
  diff: protectedProcedure
    .input(diffParamsSchema.extend(diffQuerySchema.shape))
    .query(({ ctx, input: { shortId, snapshotId, otherId, ...query } }) =>
      diffSnapshots(ctx.auth, shortId, snapshotId, otherId, query),
    ),
  indexStatus: protectedProcedure
    .input(repositoryParamsSchema)
    .query(({ ctx, input }) => getIndexStatus(ctx.auth, input.shortId)),
  /** Builds the index of every snapshot not indexed yet (a task), so search and diff can cover them. */
  index: protectedProcedure
    .input(repositoryParamsSchema)
    .mutation(({ ctx, input }) => startIndexing(ctx.auth, input.shortId)),
});
