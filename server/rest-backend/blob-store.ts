// restic's local repository layout on disk, so a repository served here also opens with `restic -r <folder>`:
// `config`, `data/<first two hex>/<id>`, `{index,keys,locks,snapshots}/<id>`.
import { createHash, randomBytes } from "node:crypto";
import type { Dirent } from "node:fs";
import { type FileHandle, link, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { BadRequestError, ForbiddenError } from "@/server/http/errors";
import { bodyBytesDone } from "./body-garbage";
import { ChunkWriter } from "./chunk-writer";
import { readBody } from "./read-body";
import { OBJECT_TYPES, type ObjectType } from "./repository-path";

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;
const OBJECT_NAME = /^[0-9a-f]{64}$/;
const DATA_SUBFOLDER = /^[0-9a-f]{2}$/;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function isMissing(error: unknown): boolean {
  return errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR";
}

/** Total size of the regular files at or below `target` (0 when it does not exist). */
export async function storedBytes(target: string): Promise<number> {
  try {
    const info = await lstat(target);
    if (info.isFile()) return info.size;
    if (!info.isDirectory()) return 0;
    const entries = await readdir(target);
    const sizes = await Promise.all(entries.map((entry) => storedBytes(path.join(target, entry))));
    return sizes.reduce((sum, size) => sum + size, 0);
  } catch (error) {
    if (isMissing(error)) return 0;
    throw error;
  }
}

/** The folder of a repository; throws if it would leave `root` (the parser already makes that impossible). */
export function repositoryFolder(root: string, repo: string[]): string {
  const folder = path.resolve(root, ...repo);
  const relative = path.relative(root, folder);
  if (relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new Error("Repository path resolves outside the REST data folder");
  }
  return folder;
}

export function configFile(repoFolder: string): string {
  return path.join(repoFolder, "config");
}

export function objectFile(repoFolder: string, type: ObjectType, name: string): string {
  return type === "data" ? path.join(repoFolder, "data", name.slice(0, 2), name) : path.join(repoFolder, type, name);
}

export async function pathExists(target: string): Promise<boolean> {
  try {
    await stat(target);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/** A folder holds a repository once it has a config or a keys folder (not merely because nested repos live in it). */
export async function holdsRepository(repoFolder: string): Promise<boolean> {
  return (await pathExists(configFile(repoFolder))) || (await pathExists(path.join(repoFolder, "keys")));
}

export async function createRepository(repoFolder: string): Promise<void> {
  await mkdir(repoFolder, { recursive: true, mode: DIR_MODE });
  await Promise.all(
    OBJECT_TYPES.map((type) => mkdir(path.join(repoFolder, type), { recursive: true, mode: DIR_MODE })),
  );
  const dataFolders = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
  await Promise.all(
    dataFolders.map((hex) => mkdir(path.join(repoFolder, "data", hex), { recursive: true, mode: DIR_MODE })),
  );
}

/**
 * Removes a repository's own files (config and type folders), leaving repositories nested below it alone.
 * Returns the bytes freed.
 */
export async function deleteRepository(repoFolder: string, removeFolder: boolean): Promise<number> {
  const parts = [configFile(repoFolder), ...OBJECT_TYPES.map((type) => path.join(repoFolder, type))];
  let freed = 0;
  for (const part of parts) {
    freed += await storedBytes(part);
    await rm(part, { recursive: true, force: true });
  }
  if (removeFolder) await rmdir(repoFolder).catch(() => undefined); // still holds nested repositories
  return freed;
}

export type ListedObject = { name: string; size: number };

async function entriesOf(folder: string): Promise<Dirent[]> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

async function objectsIn(folder: string, withSizes: boolean): Promise<ListedObject[]> {
  const names = (await entriesOf(folder)).filter((e) => e.isFile() && OBJECT_NAME.test(e.name)).map((e) => e.name);
  if (!withSizes) return names.map((name) => ({ name, size: 0 }));
  const listed = await Promise.all(
    names.map(async (name) => {
      try {
        return { name, size: (await stat(path.join(folder, name))).size };
      } catch (error) {
        if (isMissing(error)) return null; // deleted while listing
        throw error;
      }
    }),
  );
  return listed.filter((object) => object !== null);
}

/**
 * The objects of one type; `data/XX/` is flattened and only 64-hex names count (never temp files).
 * Null when the repository folder does not exist; `[]` when only the type folder is missing.
 */
export async function listObjects(
  repoFolder: string,
  type: ObjectType,
  withSizes: boolean,
): Promise<ListedObject[] | null> {
  if (!(await pathExists(repoFolder))) return null;
  const typeFolder = path.join(repoFolder, type);
  if (type !== "data") return objectsIn(typeFolder, withSizes);
  const subfolders = (await entriesOf(typeFolder)).filter((e) => e.isDirectory() && DATA_SUBFOLDER.test(e.name));
  const lists = await Promise.all(subfolders.map((e) => objectsIn(path.join(typeFolder, e.name), withSizes)));
  return lists.flat();
}

export type OpenedFile = { handle: FileHandle; size: number };

/** Opens a stored file for reading; null when it does not exist. */
export async function openStoredFile(file: string): Promise<OpenedFile | null> {
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    return null;
  }
  return { handle, size: info.size };
}

async function openTemp(finalFile: string): Promise<{ handle: FileHandle; temp: string }> {
  const temp = `${finalFile}.tmp-${randomBytes(8).toString("hex")}`;
  try {
    return { handle: await open(temp, "wx", FILE_MODE), temp };
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw error;
    // As rest-server: a missing repository or data/XX folder is created on demand.
    await mkdir(path.dirname(finalFile), { recursive: true, mode: DIR_MODE });
    return { handle: await open(temp, "wx", FILE_MODE), temp };
  }
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } catch (error) {
    if (errorCode(error) !== "EINVAL") throw error; // the filesystem cannot fsync folders
  } finally {
    await handle.close();
  }
}

export type WriteOptions = {
  /** Lower-hex SHA-256 the body must have (every object; not config). */
  sha256: string | null;
  /** The announced Content-Length; a shorter body (client went away) is refused. */
  contentLength: number | null;
  /** Refuse with 403 if the final file appeared meanwhile (config is write-once) instead of replacing it. */
  exclusive: boolean;
  onBytes: (bytes: number) => void;
};

/**
 * Streams the body into a temp file beside the target while hashing it, verifies, fsyncs, renames into place
 * and fsyncs the folder, so a crash or a bad upload never leaves a partial file under a valid name.
 * Returns the bytes stored.
 */
export async function writeStoredFile(
  finalFile: string,
  body: Readable | null,
  options: WriteOptions,
): Promise<number> {
  const { handle, temp } = await openTemp(finalFile);
  let handleOpen = true;
  let placed = false;
  const writer = new ChunkWriter(handle);
  try {
    const hash = createHash("sha256");
    let written = 0;
    try {
      if (body)
        await readBody(body, (chunk) => {
          hash.update(chunk);
          written += chunk.byteLength;
          options.onBytes(chunk.byteLength);
          const pending = writer.append(chunk);
          // Written and so garbage, except in the thread-pool fallback, where up to four chunks are still in writes.
          bodyBytesDone(chunk.byteLength);
          return pending;
        });
    } catch (error) {
      if (isClientAbort(error)) throw new BadRequestError("Request body ended early");
      throw error;
    }
    await writer.finish();
    if (options.contentLength !== null && written !== options.contentLength) {
      throw new BadRequestError("Body length does not match Content-Length");
    }
    if (options.sha256 !== null && hash.digest("hex") !== options.sha256) {
      throw new BadRequestError("Body does not match its name");
    }
    // fdatasync: the data and the size needed to read it back; the mtime it skips is never relied on.
    await handle.datasync();
    await handle.close();
    handleOpen = false;
    if (options.exclusive) {
      try {
        await link(temp, finalFile);
      } catch (error) {
        if (errorCode(error) === "EEXIST") throw new ForbiddenError();
        throw error;
      }
    } else {
      await rename(temp, finalFile);
      placed = true;
    }
    await syncFolder(path.dirname(finalFile));
    return written;
  } finally {
    await writer.settle(); // never close the handle under a write still running
    if (handleOpen) await handle.close().catch(() => undefined);
    if (!placed) await unlink(temp).catch(() => undefined);
  }
}

/** The request stream failing because the client went away mid-body (reset, or closed before Content-Length). */
function isClientAbort(error: unknown): boolean {
  const code = errorCode(error);
  return code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE" || (error as Error).message === "aborted";
}

/** Deletes a stored file; returns the bytes freed (0 when it was already gone, which is not an error). */
export async function removeStoredFile(file: string): Promise<number> {
  let size: number;
  try {
    size = (await stat(file)).size;
    await unlink(file);
  } catch (error) {
    if (isMissing(error)) return 0;
    throw error;
  }
  return size;
}
