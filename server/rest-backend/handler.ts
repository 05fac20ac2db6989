// The restic REST protocol (seed restic-rest-backend.txt + reference/rest-server.md §4) over Web
// Request/Response. The node server (scripts/start.mjs, via node-entry.ts) hands every request under /rest here.
// Order of checks as rest-server: credentials (401) → path shape (404) → reach (403) → method and target.
import { getConfig } from "@/server/config";
import { clientIp } from "@/server/http/client-ip";
import { AppError } from "@/server/http/errors";
import { getLogger } from "@/server/logging/logger";
import { authenticate } from "./basic-auth";
import {
  configFile,
  createRepository,
  deleteRepository,
  fileBody,
  holdsRepository,
  listObjects,
  objectFile,
  openStoredFile,
  pathExists,
  removeStoredFile,
  repositoryFolder,
  writeStoredFile,
} from "./blob-store";
import { countBytesIn, countBytesOut, countRequest } from "./counters";
import { namespaceForWrite, namespaceOf, releaseBytes, writeWithinQuota } from "./quota";
import { parseRange } from "./range";
import { type ObjectType, parseRestPath } from "./repository-path";
import { API_V2, emptyOk, listResponse, methodNotAllowed, statusResponse } from "./rest-response";
import type { RestUserRecord } from "./rest-user-directory";

/** Where the route is mounted; the raw request path below it is what the protocol parses. */
const REST_MOUNT = "/rest";

type RestContext = { request: Request; user: RestUserRecord; repo: string[]; root: string; folder: string };

export async function handleRestRequest(request: Request): Promise<Response> {
  let response: Response;
  try {
    response = await dispatch(request);
  } catch (error) {
    response = errorResponse(request, error);
  }
  countRequest(response.status);
  return response;
}

function errorResponse(request: Request, error: unknown): Response {
  if (error instanceof AppError) return statusResponse(error.status, error.extra.headers);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOSPC" || code === "EDQUOT") return statusResponse(507);
  // Method and path only: the Authorization header and credentials must never reach a log.
  getLogger().error({ err: error, method: request.method, path: new URL(request.url).pathname }, "REST backend error");
  return statusResponse(500);
}

async function dispatch(request: Request): Promise<Response> {
  const user = await authenticate(request.headers.get("authorization"), clientIp(request));
  if (!user) return statusResponse(401, { "WWW-Authenticate": 'Basic realm="restic"' });

  // The pathname keeps its percent-encoding; parseRestPath decodes each segment exactly once.
  const pathname = new URL(request.url).pathname;
  const parsed = pathname.startsWith(`${REST_MOUNT}/`) ? parseRestPath(pathname.slice(REST_MOUNT.length)) : null;
  if (!parsed) return statusResponse(404);
  if (user.privateRepos && parsed.repo[0] !== user.username) return statusResponse(403);

  const root = getConfig().restDir;
  const context: RestContext = { request, user, repo: parsed.repo, root, folder: repositoryFolder(root, parsed.repo) };
  const { target } = parsed;
  switch (target.kind) {
    case "repository":
      return repositoryRequest(context);
    case "config":
      return configRequest(context);
    case "list":
      return request.method === "GET" ? listRequest(context, target.type) : methodNotAllowed("GET");
    case "object":
      return objectRequest(context, target.type, target.name);
  }
}

async function repositoryRequest({ request, user, repo, root, folder }: RestContext): Promise<Response> {
  switch (request.method) {
    case "POST": {
      if (new URL(request.url).searchParams.get("create") !== "true") return statusResponse(400);
      if (await holdsRepository(folder)) return statusResponse(409);
      await createRepository(folder);
      return emptyOk();
    }
    case "DELETE": {
      if (user.appendOnly) return statusResponse(403);
      if (!(await holdsRepository(folder))) return statusResponse(404);
      // Measured before the delete so a first-time walk does not miss the bytes being freed.
      const namespace = await namespaceOf(root, repo);
      releaseBytes(namespace, await deleteRepository(folder, repo.length > 0));
      return emptyOk();
    }
    default:
      return methodNotAllowed("POST, DELETE");
  }
}

async function configRequest(context: RestContext): Promise<Response> {
  const file = configFile(context.folder);
  switch (context.request.method) {
    case "HEAD":
    case "GET":
      // rest-server ignores Range on config; restic only ever asks for it from offset 0.
      return serveStoredFile(context.request, file, false);
    case "POST":
      // Write-once, and not hash-checked: config is the one file not named by its SHA-256.
      if (await pathExists(file)) return statusResponse(403);
      return storeUpload(context, file, null);
    case "DELETE":
      return deleteStoredFile(context, file, !context.user.appendOnly);
    default:
      return methodNotAllowed("HEAD, GET, POST, DELETE");
  }
}

async function listRequest({ request, folder }: RestContext, type: ObjectType): Promise<Response> {
  // rest-server's rule: v2 only for exactly this Accept value.
  const v2 = request.headers.get("accept") === API_V2;
  const objects = await listObjects(folder, type, v2);
  return objects ? listResponse(objects, v2) : statusResponse(404);
}

async function objectRequest(context: RestContext, type: ObjectType, name: string): Promise<Response> {
  const file = objectFile(context.folder, type, name);
  switch (context.request.method) {
    case "HEAD":
    case "GET":
      return serveStoredFile(context.request, file, true);
    case "POST":
      // Never overwrite, in any mode: a second upload of the same name is refused even with identical content.
      if (await pathExists(file)) return statusResponse(403);
      return storeUpload(context, file, name);
    case "DELETE":
      // Append-only users must still be able to drop their own locks after a backup or unlock.
      return deleteStoredFile(context, file, !context.user.appendOnly || type === "locks");
    default:
      return methodNotAllowed("HEAD, GET, POST, DELETE");
  }
}

async function serveStoredFile(request: Request, file: string, honourRange: boolean): Promise<Response> {
  const opened = await openStoredFile(file);
  if (!opened) return statusResponse(404);
  const { handle, size } = opened;
  const headers: Record<string, string> = { "Content-Type": "application/octet-stream" };
  if (honourRange) headers["Accept-Ranges"] = "bytes";
  if (request.method === "HEAD") {
    await handle.close();
    return new Response(null, { status: 200, headers: { ...headers, "Content-Length": String(size) } });
  }
  const range = honourRange ? parseRange(request.headers.get("range"), size) : null;
  if (range === "unsatisfiable") {
    await handle.close();
    return statusResponse(416, { "Content-Range": `bytes */${size}` });
  }
  const start = range ? range.start : 0;
  const length = range ? range.end - range.start + 1 : size;
  if (range) headers["Content-Range"] = `bytes ${range.start}-${range.end}/${size}`;
  headers["Content-Length"] = String(length);
  return new Response(fileBody(handle, start, length, countBytesOut), { status: range ? 206 : 200, headers });
}

function contentLengthOf(request: Request): number | null {
  const header = request.headers.get("content-length");
  if (header === null) return null;
  if (!/^\d+$/.test(header)) throw new AppError(400, "Invalid Content-Length");
  return Number(header);
}

async function storeUpload(
  { request, user, repo, root }: RestContext,
  file: string,
  sha256: string | null,
): Promise<Response> {
  const contentLength = contentLengthOf(request);
  const namespace = await namespaceForWrite(root, repo, user);
  await writeWithinQuota(namespace, contentLength, () =>
    writeStoredFile(file, request.body, { sha256, contentLength, exclusive: sha256 === null, onBytes: countBytesIn }),
  );
  return emptyOk();
}

async function deleteStoredFile({ repo, root }: RestContext, file: string, allowed: boolean): Promise<Response> {
  if (!allowed) return statusResponse(403);
  const namespace = await namespaceOf(root, repo);
  releaseBytes(namespace, await removeStoredFile(file));
  return emptyOk();
}
