// Repositories and their snapshots for the web UI: thin adapters over the repository services, with the REST
// API's schemas as inputs (path and query parameters become fields beside the body's).
import { z } from "zod";
import { cancelDoctor, startDoctor } from "@/server/repositories/doctor.service";
import {
  createRepositoryBodySchema,
  repositoryParamsSchema,
  snapshotIdsBodySchema,
  snapshotListQuerySchema,
  tagSnapshotsBodySchema,
  updateRepositoryBodySchema,
} from "@/server/repositories/repositories.schema";
import {
  createRepository,
  deleteRepository,
  getRepository,
  getRepositoryStats,
  listRepositories,
  refreshRepositoryStats,
  unlockRepository,
  updateRepository,
} from "@/server/repositories/repositories.service";
import { listUsableRcloneRemotes } from "@/server/repositories/repository-policy";
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
  create: protectedProcedure
    .input(createRepositoryBodySchema)
    .mutation(({ ctx, input }) => createRepository(ctx.auth, input)),
  update: protectedProcedure
    .input(repositoryParamsSchema.extend(updateRepositoryBodySchema.shape))
    .mutation(({ ctx, input: { shortId, ...changes } }) => updateRepository(ctx.auth, shortId, changes)),
  /** `purge` also deletes the stored backup data (the REST API's `?purge=true`). */
  delete: protectedProcedure
    .input(repositoryParamsSchema.extend({ purge: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => deleteRepository(ctx.auth, input.shortId, { purge: input.purge })),
  stats: byShortId.query(({ ctx, input }) => getRepositoryStats(ctx.auth, input.shortId)),
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
