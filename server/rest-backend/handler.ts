// The restic REST protocol (seed restic-rest-backend.txt + reference/rest-server.md §4) on Node's own request and
// response: the node server (scripts/start.mjs, via node-entry.ts) hands every request under /rest here. Bodies
// are read from and written to the sockets directly (no Web stream conversion on a path that moves whole GiBs).
// Order of checks as rest-server: credentials (401) → path shape (404) → reach (403) → method and target.
import type { IncomingMessage, ServerResponse } from "node:http";
import { getConfig } from "@/server/config";
import { clientIp } from "@/server/http/client-ip";
import { AppError } from "@/server/http/errors";
import { getLogger } from "@/server/logging/logger";
import { authenticate } from "./basic-auth";
import {
  configFile,
  createRepository,
  deleteRepository,
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
import { API_V2, emptyOk, listReply, methodNotAllowed, type RestReply, sendReply, statusReply } from "./rest-response";
import type { RestUserRecord } from "./rest-user-directory";

/** Where the route is mounted; the raw request path below it is what the protocol parses. */
const REST_MOUNT = "/rest";

type RestContext = { request: IncomingMessage; user: RestUserRecord; repo: string[]; root: string; folder: string };

export async function handleRestRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
  // A reply sent before the body was read (403, 507…) must not leave the keep-alive connection stuck.
  response.on("finish", () => {
    if (!request.complete) request.resume();
  });
  let reply: RestReply;
  try {
    reply = await dispatch(request);
  } catch (error) {
    reply = errorReply(request, error);
  }
  countRequest(reply.status);
  try {
    await sendReply(reply, request, response);
  } catch {
    // The client went away mid-download; nothing is left to tell it.
    response.destroy();
  }
}

/** The raw request path, still percent-encoded and never normalised (`..` stays visible to the parser). */
function pathOf(request: IncomingMessage): string {
  const url = request.url ?? "/";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

function errorReply(request: IncomingMessage, error: unknown): RestReply {
  if (error instanceof AppError) return statusReply(error.status, error.extra.headers);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOSPC" || code === "EDQUOT") return statusReply(507);
  // Method and path only: the Authorization header and credentials must never reach a log.
  getLogger().error({ err: error, method: request.method, path: pathOf(request) }, "REST backend error");
  return statusReply(500);
}

async function dispatch(request: IncomingMessage): Promise<RestReply> {
  const user = await authenticate(request.headers.authorization ?? null, clientIp(request));
  if (!user) return statusReply(401, { "WWW-Authenticate": 'Basic realm="restic"' });

  // parseRestPath decodes each segment exactly once.
  const pathname = pathOf(request);
  const parsed = pathname.startsWith(`${REST_MOUNT}/`) ? parseRestPath(pathname.slice(REST_MOUNT.length)) : null;
  if (!parsed) return statusReply(404);
  if (user.privateRepos && parsed.repo[0] !== user.username) return statusReply(403);

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

async function repositoryRequest({ request, user, repo, root, folder }: RestContext): Promise<RestReply> {
  switch (request.method) {
    case "POST": {
      if (new URLSearchParams(request.url?.split("?")[1]).get("create") !== "true") return statusReply(400);
      if (await holdsRepository(folder)) return statusReply(409);
      await createRepository(folder);
      return emptyOk();
    }
    case "DELETE": {
      if (user.appendOnly) return statusReply(403);
      if (!(await holdsRepository(folder))) return statusReply(404);
      // Measured before the delete so a first-time walk does not miss the bytes being freed.
      const namespace = await namespaceOf(root, repo);
      releaseBytes(namespace, await deleteRepository(folder, repo.length > 0));
      return emptyOk();
    }
    default:
      return methodNotAllowed("POST, DELETE");
  }
}

async function configRequest(context: RestContext): Promise<RestReply> {
  const file = configFile(context.folder);
  switch (context.request.method) {
    case "HEAD":
    case "GET":
      // rest-server ignores Range on config; restic only ever asks for it from offset 0.
      return serveStoredFile(context.request, file, false);
    case "POST":
      // Write-once, and not hash-checked: config is the one file not named by its SHA-256.
      if (await pathExists(file)) return statusReply(403);
      return storeUpload(context, file, null);
    case "DELETE":
      return deleteStoredFile(context, file, !context.user.appendOnly);
    default:
      return methodNotAllowed("HEAD, GET, POST, DELETE");
  }
}

async function listRequest({ request, folder }: RestContext, type: ObjectType): Promise<RestReply> {
  // rest-server's rule: v2 only for exactly this Accept value.
  const v2 = request.headers.accept === API_V2;
  const objects = await listObjects(folder, type, v2);
  return objects ? listReply(objects, v2) : statusReply(404);
}

async function objectRequest(context: RestContext, type: ObjectType, name: string): Promise<RestReply> {
  const file = objectFile(context.folder, type, name);
  switch (context.request.method) {
    case "HEAD":
    case "GET":
      return serveStoredFile(context.request, file, true);
    case "POST":
      // Never overwrite, in any mode: a second upload of the same name is refused even with identical content.
      if (await pathExists(file)) return statusReply(403);
      return storeUpload(context, file, name);
    case "DELETE":
      // Append-only users must still be able to drop their own locks after a backup or unlock.
      return deleteStoredFile(context, file, !context.user.appendOnly || type === "locks");
    default:
      return methodNotAllowed("HEAD, GET, POST, DELETE");
  }
}

async function serveStoredFile(request: IncomingMessage, file: string, honourRange: boolean): Promise<RestReply> {
  const opened = await openStoredFile(file);
  if (!opened) return statusReply(404);
  const { handle, size } = opened;
  const headers: Record<string, string> = { "Content-Type": "application/octet-stream" };
  if (honourRange) headers["Accept-Ranges"] = "bytes";
  const range = honourRange && request.method === "GET" ? parseRange(request.headers.range ?? null, size) : null;
  if (range === "unsatisfiable") {
    await handle.close();
    return statusReply(416, { "Content-Range": `bytes */${size}` });
  }
  const start = range ? range.start : 0;
  const length = range ? range.end - range.start + 1 : size;
  if (range) headers["Content-Range"] = `bytes ${range.start}-${range.end}/${size}`;
  headers["Content-Length"] = String(length);
  return { status: range ? 206 : 200, headers, body: { handle, start, length, onBytes: countBytesOut } };
}

function contentLengthOf(request: IncomingMessage): number | null {
  const header = request.headers["content-length"];
  if (header === undefined) return null;
  if (!/^\d+$/.test(header)) throw new AppError(400, "Invalid Content-Length");
  return Number(header);
}

async function storeUpload(
  { request, user, repo, root }: RestContext,
  file: string,
  sha256: string | null,
): Promise<RestReply> {
  const contentLength = contentLengthOf(request);
  const namespace = await namespaceForWrite(root, repo, user);
  await writeWithinQuota(namespace, contentLength, () =>
    writeStoredFile(file, request, { sha256, contentLength, exclusive: sha256 === null, onBytes: countBytesIn }),
  );
  return emptyOk();
}

async function deleteStoredFile({ repo, root }: RestContext, file: string, allowed: boolean): Promise<RestReply> {
  if (!allowed) return statusReply(403);
  const namespace = await namespaceOf(root, repo);
  releaseBytes(namespace, await removeStoredFile(file));
  return emptyOk();
}
