import { defineRoute } from "@/server/http/api-route";
import { messageSchema, repositoryParamsSchema, taskStartedSchema } from "@/server/repositories/repositories.schema";
import {
  diffParamsSchema,
  diffQuerySchema,
  diffResponseSchema,
  historyQuerySchema,
  historyResponseSchema,
  indexBodySchema,
  indexStatusSchema,
  searchQuerySchema,
  searchResponseSchema,
} from "./snapshot-index.schema";
import {
  diffSnapshots,
  dropIndex,
  getIndexStatus,
  pathHistory,
  searchSnapshots,
  startIndexing,
} from "./snapshot-index.service";

const tags = ["Snapshot index"];
const base = "/api/v1/repositories/{shortId}";

export const indexStatus = defineRoute({
  method: "get",
  path: `${base}/index`,
  summary: "Which snapshots are indexed (for instant browsing, search, history and diff) and the index's size",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  response: { schema: indexStatusSchema },
  errors: [404],
  handler: ({ auth, params }) => getIndexStatus(auth, params.shortId),
});

export const indexAll = defineRoute({
  method: "post",
  path: `${base}/index`,
  summary: "Index every snapshot not indexed yet, or the `snapshotIds` given (a task)",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  body: indexBodySchema,
  response: { status: 202, schema: taskStartedSchema },
  errors: [404, 409],
  handler: ({ auth, params, body }) => startIndexing(auth, params.shortId, body?.snapshotIds),
});

export const indexDrop = defineRoute({
  method: "delete",
  path: `${base}/index`,
  summary: "Delete the repository's snapshot index (it is rebuilt on demand)",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  response: { schema: messageSchema },
  errors: [404, 409],
  handler: ({ auth, params }) => dropIndex(auth, params.shortId),
});

export const search = defineRoute({
  method: "get",
  path: `${base}/search`,
  summary:
    "Find files and folders by name (case-insensitive substring, or a glob with * and ?) in one or all indexed snapshots, newest first",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  query: searchQuerySchema,
  response: { schema: searchResponseSchema },
  errors: [404],
  handler: ({ auth, params, query }) => searchSnapshots(auth, params.shortId, query),
});

export const history = defineRoute({
  method: "get",
  path: `${base}/history`,
  summary: "Every indexed snapshot holding a path, newest first, and whether it changed since the previous one",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  query: historyQuerySchema,
  response: { schema: historyResponseSchema },
  errors: [404],
  handler: ({ auth, params, query }) => pathHistory(auth, params.shortId, query.path),
});

export const diff = defineRoute({
  method: "get",
  path: `${base}/snapshots/{snapshotId}/diff/{otherId}`,
  summary:
    "What changed from the first snapshot to the second (`otherId`) under a path: counts, bytes, and the changes (with depth, each folder's aggregated delta, largest first)",
  tags,
  access: "user",
  params: diffParamsSchema,
  query: diffQuerySchema,
  response: { schema: diffResponseSchema },
  errors: [404, 409],
  handler: ({ auth, params, query }) => diffSnapshots(auth, params.shortId, params.snapshotId, params.otherId, query),
});
