import { z } from "zod";
import { defineRoute } from "@/server/http/api-route";
import { browseHostDirectories, listVolumeFiles } from "./volume-files.service";
import {
  browseQuerySchema,
  browseResultSchema,
  createVolumeBodySchema,
  messageSchema,
  testConnectionBodySchema,
  testConnectionResultSchema,
  updateVolumeBodySchema,
  volumeDetailSchema,
  volumeFilesQuerySchema,
  volumeFilesSchema,
  volumeParamsSchema,
  volumeSchema,
  volumeStatusResultSchema,
} from "./volumes.schema";
import {
  createVolume,
  deleteVolume,
  getVolume,
  healthCheckVolume,
  listVolumes,
  mountVolumeAction,
  testConnection,
  unmountVolumeAction,
  updateVolume,
} from "./volumes.service";

const tags = ["Volumes"];
const base = "/api/v1/volumes/{shortId}";

export const list = defineRoute({
  method: "get",
  path: "/api/v1/volumes",
  summary: "List volumes",
  tags,
  access: "user",
  response: { schema: z.array(volumeSchema) },
  handler: ({ auth }) => listVolumes(auth),
});

export const create = defineRoute({
  method: "post",
  path: "/api/v1/volumes",
  summary:
    "Create a volume: mounted (or, for a directory, checked) before it is stored; directory volumes are for instance admins",
  tags,
  access: "user",
  body: createVolumeBodySchema,
  response: { status: 201, schema: volumeSchema },
  errors: [403, 409],
  handler: ({ auth, body }) => createVolume(auth, body),
});

export const testConnectionRoute = defineRoute({
  method: "post",
  path: "/api/v1/volumes/test-connection",
  summary: "Mount a config into a temporary folder and unmount it again",
  tags,
  access: "user",
  body: testConnectionBodySchema,
  response: { schema: testConnectionResultSchema },
  errors: [403],
  handler: ({ auth, body }) => testConnection(auth, body.config),
});

export const browse = defineRoute({
  method: "get",
  path: "/api/v1/volumes/filesystem/browse",
  summary:
    "Subfolders of a host folder, to pick a directory volume (instance admins; limited to VOLUME_ROOTS when set)",
  tags,
  access: "admin",
  query: browseQuerySchema,
  response: { schema: browseResultSchema },
  errors: [403, 404],
  handler: ({ query }) => browseHostDirectories(query.path),
});

export const get = defineRoute({
  method: "get",
  path: base,
  summary: "Get a volume with its disk usage (zeros unless mounted)",
  tags,
  access: "user",
  params: volumeParamsSchema,
  response: { schema: volumeDetailSchema },
  errors: [404],
  handler: ({ auth, params }) => getVolume(auth, params.shortId),
});

const updateRoute = (method: "put" | "patch", summary: string) =>
  defineRoute({
    method,
    path: base,
    summary,
    tags,
    access: "user",
    params: volumeParamsSchema,
    body: updateVolumeBodySchema,
    response: { schema: volumeSchema },
    errors: [403, 404, 409],
    handler: ({ auth, params, body }) => updateVolume(auth, params.shortId, body),
  });

export const update = updateRoute(
  "put",
  "Rename, toggle auto-remount, or change the config (remounted; the old mount stays if the new one fails)",
);
export const patch = updateRoute("patch", "Same as PUT: every field optional");

export const remove = defineRoute({
  method: "delete",
  path: base,
  summary: "Unmount and delete a volume (its backup schedules are deleted with it)",
  tags,
  access: "user",
  params: volumeParamsSchema,
  response: { schema: messageSchema },
  errors: [404, 409],
  handler: ({ auth, params }) => deleteVolume(auth, params.shortId),
});

export const mount = defineRoute({
  method: "post",
  path: `${base}/mount`,
  summary: "Mount (unmounting first); 500 with `{status, error}` when it fails",
  tags,
  access: "user",
  params: volumeParamsSchema,
  response: { schema: volumeStatusResultSchema },
  errors: [404],
  handler: ({ auth, params }) => mountVolumeAction(auth, params.shortId),
});

export const unmount = defineRoute({
  method: "post",
  path: `${base}/unmount`,
  summary: "Unmount; 500 with `{status, error}` when it fails",
  tags,
  access: "user",
  params: volumeParamsSchema,
  response: { schema: volumeStatusResultSchema },
  errors: [404],
  handler: ({ auth, params }) => unmountVolumeAction(auth, params.shortId),
});

export const healthCheck = defineRoute({
  method: "post",
  path: `${base}/health-check`,
  summary: "Read the volume's folder within the probe timeout and record the outcome",
  tags,
  access: "user",
  params: volumeParamsSchema,
  response: { schema: volumeStatusResultSchema },
  errors: [404],
  handler: ({ auth, params }) => healthCheckVolume(auth, params.shortId),
});

export const files = defineRoute({
  method: "get",
  path: `${base}/files`,
  summary: "One page of a folder inside the volume: directories first, then by name",
  tags,
  access: "user",
  params: volumeParamsSchema,
  query: volumeFilesQuerySchema,
  response: { schema: volumeFilesSchema },
  errors: [404],
  handler: ({ auth, params, query }) => listVolumeFiles(auth, params.shortId, query),
});
