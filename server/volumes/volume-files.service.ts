// Browsing: one page of a folder inside a volume, and the host directory picker for directory volumes. Both list in a
// probe child (a dead mount or a hung host NFS folder cannot block the server) and never leave their root.
import path from "node:path";
import type { AuthContext } from "@/server/auth/auth-context";
import { getConfig } from "@/server/config";
import { assertAbsoluteHostPath, isWithin, resolveThroughSymlinks } from "@/server/filesystem/host-path";
import { jsonResponse } from "@/server/http/error-response";
import { BadRequestError, ForbiddenError, NotFoundError } from "@/server/http/errors";
import { type PaginationQuery, pageMeta } from "@/server/http/pagination";
import { findMount } from "./mountinfo";
import { ProbeFailedError, ProbeTimeoutError, runProbe } from "./probe";
import { describeProbeError, NOT_MOUNTED } from "./volume-health";
import { loadVolume, recordVolumeStatus, type VolumeRow, volumePath } from "./volume-store";

/** A listing may take longer than a health check (10,000 entries over sshfs), but not forever. */
const LISTING_TIMEOUT_MS = 30_000;
const BROWSE_LIMIT = 10_000;
/** Errors that mean the share itself is gone, not that one folder is wrong. */
const DEAD_MOUNT_CODES = new Set(["ENOTCONN", "EIO", "ESTALE", "EHOSTDOWN", "ECONNABORTED"]);

/**
 * A path inside the volume, as the client sent it (already URL-decoded once). `..` segments and separators that are
 * still percent-encoded (a double-encoded `%252F`) are refused outright rather than normalised away.
 */
export function volumeRelativePath(input: string): string {
  if (/%(2f|5c)/i.test(input) || /%2e%2e/i.test(input)) {
    throw new BadRequestError("Path must not contain encoded separators");
  }
  const segments = input.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) throw new BadRequestError("Path must not contain '..'");
  return `/${segments.join("/")}`;
}

async function listingFailure(row: VolumeRow, error: unknown): Promise<never> {
  if (error instanceof ProbeFailedError) {
    if (error.code === "EOUTSIDE") throw new BadRequestError("Path is outside the volume");
    if (error.code === "ENOENT") throw new NotFoundError("Path not found");
    if (error.code === "ENOTDIR") throw new BadRequestError("Path is not a folder");
  }
  if (error instanceof ProbeTimeoutError || (error instanceof ProbeFailedError && DEAD_MOUNT_CODES.has(error.code))) {
    await recordVolumeStatus(row, "error", describeProbeError(error), { checked: true });
  }
  throw new BadRequestError(describeProbeError(error));
}

export async function listVolumeFiles(
  auth: AuthContext,
  shortId: string,
  query: PaginationQuery & { path: string },
): Promise<Response> {
  const row = await loadVolume(auth, shortId);
  const relative = volumeRelativePath(query.path);
  const root = volumePath(row);
  if (row.type !== "directory" && (row.status === "unmounted" || !(await findMount(root)))) {
    throw new BadRequestError(NOT_MOUNTED);
  }
  const listing = await runProbe(
    { op: "list", root, path: relative, offset: query.offset, limit: query.limit },
    LISTING_TIMEOUT_MS,
  ).catch((error) => listingFailure(row, error));
  const body = { files: listing.files, path: listing.path, ...pageMeta(query, listing.total) };
  // Private: the listing is one user's view of a share; a short cache spares a re-list when paging back.
  return jsonResponse(body, 200, { "cache-control": "private, max-age=10" });
}

/**
 * The host directory picker (instance admins): subfolders of `path`. With VOLUME_ROOTS set only those folders can be
 * browsed ("/" shows the roots themselves); DATA_DIR is never shown nor entered.
 */
export async function browseHostDirectories(input: string) {
  assertAbsoluteHostPath(input, "path");
  const requested = path.normalize(input);
  const { volumeRoots: roots } = getConfig();
  const dataDir = await resolveThroughSymlinks(getConfig().dataDir);
  const allowed = (folder: string) => !roots || roots.some((root) => isWithin(root, folder));
  if (roots && !allowed(requested)) {
    if (requested === "/") {
      return { path: "/", directories: roots.map((root) => ({ name: root, path: root, type: "directory" as const })) };
    }
    throw new ForbiddenError(`path must be inside one of the allowed folders: ${roots.join(", ")}`);
  }
  if (isWithin(dataDir, requested)) throw new ForbiddenError("path must not be inside Zerobyte's data directory");
  const listing = await runProbe(
    { op: "list", root: "/", path: requested, offset: 0, limit: BROWSE_LIMIT, directoriesOnly: true },
    LISTING_TIMEOUT_MS,
  ).catch((error) => {
    if (error instanceof ProbeFailedError && error.code === "ENOENT") throw new NotFoundError("Path not found");
    if (error instanceof ProbeFailedError && error.code === "ENOTDIR")
      throw new BadRequestError("Path is not a folder");
    throw new BadRequestError(describeProbeError(error));
  });
  // Symlinks are resolved by the child: where the listing really is decides, not how it was named.
  if (!allowed(listing.resolved)) {
    throw new ForbiddenError(`path must be inside one of the allowed folders: ${roots?.join(", ")}`);
  }
  if (isWithin(dataDir, listing.resolved)) {
    throw new ForbiddenError("path must not be inside Zerobyte's data directory");
  }
  const directories = listing.files
    .filter((entry) => entry.path !== dataDir)
    .map((entry) => ({ name: entry.name, path: entry.path, type: "directory" as const, modifiedAt: entry.modifiedAt }));
  return { path: listing.path, directories };
}
