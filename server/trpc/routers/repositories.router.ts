// Repositories and their snapshots for the web UI: thin adapters over the repository services, with the REST
// API's schemas as inputs (path and query parameters become fields beside the body's). Create, update and delete
// are server actions (server/actions/repositories.actions.ts).
import { cancelDoctor, startDoctor } from "@/server/repositories/doctor.service";
import {
  repositoryParamsSchema,
  snapshotIdsBodySchema,
  snapshotListQuerySchema,
  tagSnapshotsBodySchema,
} from "@/server/repositories/repositories.schema";
import {
  getRepository,
  getRepositoryStats,
  listRepositories,
  refreshRepositoryStats,
  unlockRepository,
} from "@/server/repositories/repositories.service";
import { listUsableRcloneRemotes } from "@/server/repositories/repository-policy";
import { listStatsSamples } from "@/server/repositories/repository-stats.service";
import {
  deleteSnapshots,
  listRepositorySnapshots,
  refreshSnapshots,
  tagSnapshots,
} from "@/server/repositories/snapshots.service";
import { createTRPCRouter, protectedProcedure } from "../init";

const byShortId = protectedProcedure.input(repositoryParamsSchema);

export const repositoriesRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listRepositories(ctx.auth)),
  get: byShortId.query(({ ctx, input }) => getRepository(ctx.auth, input.shortId)),
  stats: byShortId.query(({ ctx, input }) => getRepositoryStats(ctx.auth, input.shortId)),
  /** Size over time: a sample after each backup and each refresh. */
  statsHistory: byShortId.query(({ ctx, input }) => listStatsSamples(ctx.auth, input.shortId)),
  refreshStats: byShortId.mutation(({ ctx, input }) => refreshRepositoryStats(ctx.auth, input.shortId)),
  unlock: byShortId.mutation(({ ctx, input }) => unlockRepository(ctx.auth, input.shortId)),
  startDoctor: byShortId.mutation(({ ctx, input }) => startDoctor(ctx.auth, input.shortId)),
  cancelDoctor: byShortId.mutation(({ ctx, input }) => cancelDoctor(ctx.auth, input.shortId)),
  snapshots: protectedProcedure
    .input(repositoryParamsSchema.extend(snapshotListQuerySchema.shape))
    .query(({ ctx, input: { shortId, ...filter } }) => listRepositorySnapshots(ctx.auth, shortId, filter)),
  refreshSnapshots: byShortId.mutation(({ ctx, input }) => refreshSnapshots(ctx.auth, input.shortId)),
  deleteSnapshots: protectedProcedure
    .input(repositoryParamsSchema.extend(snapshotIdsBodySchema.shape))
    .mutation(({ ctx, input }) => deleteSnapshots(ctx.auth, input.shortId, input.snapshotIds)),
  // safeExtend keeps the body schema's "something to change" refinement.
  tagSnapshots: protectedProcedure
    .input(tagSnapshotsBodySchema.safeExtend(repositoryParamsSchema.shape))
    .mutation(({ ctx, input: { shortId, ...body } }) => tagSnapshots(ctx.auth, shortId, body)),
  rcloneRemotes: protectedProcedure.query(({ ctx }) => listUsableRcloneRemotes(ctx.auth)),
});
