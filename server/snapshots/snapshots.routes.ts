import { z } from "zod";
import { defineRoute } from "@/server/http/api-route";
import { repositoryParamsSchema, snapshotParamsSchema } from "@/server/repositories/repositories.schema";
import { downloadSnapshotPath } from "./dump.service";
import { listSnapshotFolder } from "./files.service";
import { startRestore } from "./restore.service";
import {
  dumpQuerySchema,
  restoreBodySchema,
  restoreStartedSchema,
  snapshotDirectoryPageSchema,
  snapshotFilesQuerySchema,
} from "./snapshots.schema";

const tags = ["Snapshots"];
const snapshotPath = "/api/v1/repositories/{shortId}/snapshots/{snapshotId}";

export const files = defineRoute({
  method: "get",
  path: `${snapshotPath}/files`,
  summary: "One page of a folder of a snapshot (folders first, then by name)",
  tags,
  access: "user",
  params: snapshotParamsSchema,
  query: snapshotFilesQuerySchema,
  response: { schema: snapshotDirectoryPageSchema },
  errors: [404],
  handler: ({ auth, params, query, request }) =>
    listSnapshotFolder(auth, params.shortId, params.snapshotId, query, request.signal),
});

export const dump = defineRoute({
  method: "get",
  path: `${snapshotPath}/dump`,
  summary: "Download a file as itself, or a folder or the whole snapshot (no `path`) as a tar or zip archive, streamed",
  tags,
  access: "user",
  params: snapshotParamsSchema,
  query: dumpQuerySchema,
  response: {
    contentType: "application/octet-stream",
    schema: z.string(),
    description: "The file's bytes, or an archive (application/x-tar, application/zip)",
  },
  errors: [404],
  handler: ({ auth, params, query, request }) =>
    downloadSnapshotPath(auth, request, params.shortId, params.snapshotId, query),
});

export const restore = defineRoute({
  method: "post",
  path: "/api/v1/repositories/{shortId}/restore",
  summary: "Restore a snapshot, or files and folders of it, to where they came from or into another folder (a task)",
  tags,
  access: "user",
  params: repositoryParamsSchema,
  body: restoreBodySchema,
  response: { status: 202, schema: restoreStartedSchema },
  errors: [403, 404, 409],
  handler: ({ auth, params, body }) => startRestore(auth, params.shortId, body),
});
