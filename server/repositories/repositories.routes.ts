import { z } from "zod";
import { defineRoute } from "@/server/http/api-route";
import { listRcloneRemotes } from "@/server/restic/rclone-remotes";
import { cancelDoctor, startDoctor } from "./doctor.service";
import {
  createRepositoryBodySchema,
  createRepositoryResponseSchema,
  deleteRepositoryQuerySchema,
  doctorStartedSchema,
  messageSchema,
  rcloneRemoteSchema,
  refreshSnapshotsResponseSchema,
  repositoryParamsSchema,
  repositorySchema,
  repositoryStatsResponseSchema,
  snapshotIdsBodySchema,
  snapshotListQuerySchema,
  snapshotParamsSchema,
  snapshotSchema,
  tagSnapshotsBodySchema,
  taskStartedSchema,
  unlockResponseSchema,
  updateRepositoryBodySchema,
} from "./repositories.schema";
import {
  createRepository,
  deleteRepository,
  getRepository,
  getRepositoryStats,
  listRepositories,
  refreshRepositoryStats,
  unlockRepository,
  updateRepository,
} from "./repositories.service";
import {
  deleteSnapshots,
  getSnapshot,
  listRepositorySnapshots,
  refreshSnapshots,
  tagSnapshots,
} from "./snapshots.service";

const tags = ["Repositories"];
const base = "/api/v1/repositories/{shortId}";

export const list = defineRoute({
  method: "get",
  path: "/api/v1/repositories",
  summary: "List repositories",
  tags,
  access: "user",
  response: { schema: z.array(repositorySchema) },
  handler: ({ auth }) => listRepositories(auth),
});

export const create = defineRoute({
  method: "post",
  path: "/api/v1/repositories",
  summary: "Create and initialise a repository, or import an existing one (`config.isExistingRepository`)",
  tags,
  access: "user",
  body: createRepositoryBodySchema,
  response: { status: 201, schema: createRepositoryResponseSchema },
  errors: [409, 502],
  handler: ({ auth, body }) => createRepository(auth, body),
});

export const rcloneRemotes = defineRoute({
  method: "get",
  path: "/api/v1/repositories/rclone-remotes",
  summary: "rclone remotes configured on the host",
  tags,
  access: "user",
  response: { schema: z.array(rcloneRemoteSchema) },
  handler: () => listRcloneRemotes(),
});

export const get = defineRoute({
  method: "get",
  path: base,
  summary: "Get a repository",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  response: { schema: repositorySchema },
  errors: [404],
  handler: ({ auth, params }) => getRepository(auth, params.shortId),
});

export const update = defineRoute({
  method: "patch",
  path: base,
  summary: "Rename, change compression, or change the backend configuration (the backend type cannot change)",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  body: updateRepositoryBodySchema,
  response: { schema: repositorySchema },
  errors: [404, 409],
  handler: ({ auth, params, body }) => updateRepository(auth, params.shortId, body),
});

export const remove = defineRoute({
  method: "delete",
  path: base,
  summary: "Delete a repository record; with `?purge=true` its stored data too",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  query: deleteRepositoryQuerySchema,
  response: { schema: messageSchema },
  errors: [404],
  handler: ({ auth, params, query }) => deleteRepository(auth, params.shortId, query),
});

export const stats = defineRoute({
  method: "get",
  path: `${base}/stats`,
  summary: "Storage and compression statistics (as last computed)",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  response: { schema: repositoryStatsResponseSchema },
  errors: [404],
  handler: ({ auth, params }) => getRepositoryStats(auth, params.shortId),
});

export const statsRefresh = defineRoute({
  method: "post",
  path: `${base}/stats/refresh`,
  summary: "Recompute the statistics with restic",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  response: { schema: repositoryStatsResponseSchema },
  errors: [404],
  handler: ({ auth, params }) => refreshRepositoryStats(auth, params.shortId),
});

export const unlock = defineRoute({
  method: "post",
  path: `${base}/unlock`,
  summary: "Remove stale locks",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  response: { schema: unlockResponseSchema },
  errors: [404],
  handler: ({ auth, params }) => unlockRepository(auth, params.shortId),
});

export const doctorStart = defineRoute({
  method: "post",
  path: `${base}/doctor`,
  summary: "Start the doctor (unlock, check, repair the index when needed) as a task",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  response: { status: 202, schema: doctorStartedSchema },
  errors: [404, 409],
  handler: ({ auth, params }) => startDoctor(auth, params.shortId),
});

export const doctorCancel = defineRoute({
  method: "delete",
  path: `${base}/doctor`,
  summary: "Cancel the running doctor",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  response: { schema: messageSchema },
  errors: [404, 409],
  handler: ({ auth, params }) => cancelDoctor(auth, params.shortId),
});

export const snapshots = defineRoute({
  method: "get",
  path: `${base}/snapshots`,
  summary: "List snapshots, newest first (`backupId`: only those a backup schedule made)",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  query: snapshotListQuerySchema,
  response: { schema: z.array(snapshotSchema) },
  errors: [404],
  handler: ({ auth, params, query }) => listRepositorySnapshots(auth, params.shortId, query),
});

export const snapshotsDelete = defineRoute({
  method: "delete",
  path: `${base}/snapshots`,
  summary: "Delete snapshots and prune their data (a task)",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  body: snapshotIdsBodySchema,
  response: { status: 202, schema: taskStartedSchema },
  errors: [404],
  handler: ({ auth, params, body }) => deleteSnapshots(auth, params.shortId, body.snapshotIds),
});

export const snapshotsRefresh = defineRoute({
  method: "post",
  path: `${base}/snapshots/refresh`,
  summary: "Drop the cached snapshot list and read it again from the repository",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  response: { schema: refreshSnapshotsResponseSchema },
  errors: [404],
  handler: ({ auth, params }) => refreshSnapshots(auth, params.shortId),
});

export const snapshotsTag = defineRoute({
  method: "post",
  path: `${base}/snapshots/tag`,
  summary: "Add, remove or set tags on snapshots (a task)",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  body: tagSnapshotsBodySchema,
  response: { status: 202, schema: taskStartedSchema },
  errors: [404],
  handler: ({ auth, params, body }) => tagSnapshots(auth, params.shortId, body),
});

export const snapshot = defineRoute({
  method: "get",
  path: `${base}/snapshots/{snapshotId}`,
  summary: "One snapshot, by full or short id",
  tags,
  access: "user",
  params: snapshotParamsSchema,
  response: { schema: snapshotSchema },
  errors: [404],
  handler: ({ auth, params }) => getSnapshot(auth, params.shortId, params.snapshotId),
});

export const snapshotDelete = defineRoute({
  method: "delete",
  path: `${base}/snapshots/{snapshotId}`,
  summary: "Delete one snapshot and prune its data (a task)",
  tags,
  access: "user",
  params: snapshotParamsSchema,
  response: { status: 202, schema: taskStartedSchema },
  errors: [404],
  handler: ({ auth, params }) => deleteSnapshots(auth, params.shortId, [params.snapshotId]),
});
