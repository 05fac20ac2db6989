// Downloads (reference §7.2): a file as itself, a folder or the whole snapshot as a tar or zip archive, streamed
// from `restic dump` under a shared repository lock that lasts as long as the stream. A client that goes away
// destroys the stream, which interrupts restic. The path is checked first, so what can fail fails before the
// headers are out.
//
// Archive layout: with restic ≥0.16 a folder's archive holds the folder by its name (`photos/…`) and the whole
// snapshot holds what is below the common folder of its paths. restic 0.14 has no `<snapshot>:<subfolder>`, so
// its archives hold full paths (`srv/data/photos/…`).
import path from "node:path/posix";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import type { z } from "zod";
import type { AuthContext } from "@/server/auth/auth-context";
import { attachmentDisposition } from "@/server/http/content-disposition";
import { BadRequestError } from "@/server/http/errors";
import { withRepositoryLock } from "@/server/repositories/repository-lock";
import { loadRepository, type RepositoryRow, resticTargetFor } from "@/server/repositories/repository-store";
import { findSnapshot } from "@/server/repositories/snapshots.service";
import { type DumpOptions, dumpSnapshot } from "@/server/restic/dump";
import { getResticCapabilities, requireCapability } from "@/server/restic/version";
import { publishEvent } from "@/server/tasks/event-bus";
import { findSnapshotNodes, statSnapshotPaths } from "./snapshot-nodes";
import { commonAncestor, normaliseSnapshotPath } from "./snapshot-paths";
import type { dumpQuerySchema } from "./snapshots.schema";

export const DUMP_STARTED = "dump:started";

type DumpQuery = z.output<typeof dumpQuerySchema>;
type Download = { dump: Omit<DumpOptions, "signal">; filename: string; contentType: string };

const ARCHIVE_TYPES = { tar: "application/x-tar", zip: "application/zip" } as const;

/** Opens the dump under the repository's shared lock and holds the lock until the stream is done. */
function openDump(row: RepositoryRow, dump: DumpOptions): Promise<Readable> {
  return new Promise((resolve, reject) => {
    withRepositoryLock(row.id, "shared", async () => {
      const stream = dumpSnapshot(await resticTargetFor(row), dump);
      resolve(stream);
      await finished(stream).catch(() => undefined);
    }).catch(reject);
  });
}

async function planDownload(
  row: RepositoryRow,
  snapshot: { id: string; short_id: string; paths: string[] },
  query: DumpQuery,
) {
  const capabilities = await getResticCapabilities();
  const subfolders = capabilities.snapshotSubfolder;
  const requested = normaliseSnapshotPath(query.path);
  const archive = (folder: string, name: string, layout: Pick<DumpOptions, "subfolder" | "path">): Download => {
    requireCapability(capabilities, "dumpArchive", "Downloading a folder as an archive");
    if (query.kind === "file") throw new BadRequestError(`${folder} is a folder, not a file`);
    return {
      dump: { snapshotId: snapshot.id, archive: query.format, ...layout },
      filename: `${name}.${query.format}`,
      contentType: ARCHIVE_TYPES[query.format],
    };
  };

  if (requested === "/") {
    const ancestor = commonAncestor(snapshot.paths);
    const base = (await findSnapshotNodes(row, snapshot.id, [ancestor])).get(ancestor)?.type === "dir" ? ancestor : "/";
    const layout = subfolders ? { subfolder: base, path: "/" } : { path: base };
    return archive("/", `snapshot-${snapshot.short_id}`, layout);
  }
  const node = (await statSnapshotPaths(row, snapshot.id, [requested])).get(requested)!;
  if (node.type === "dir") {
    const layout = subfolders ? { subfolder: path.dirname(requested), path: `/${node.name}` } : { path: requested };
    return archive(requested, node.name, layout);
  }
  if (node.type !== "file")
    throw new BadRequestError(`${requested} is a ${node.type}; only files and folders can be downloaded`);
  if (query.kind === "dir") throw new BadRequestError(`${requested} is a file, not a folder`);
  return {
    dump: { snapshotId: snapshot.id, path: requested },
    filename: node.name,
    contentType: "application/octet-stream",
  };
}

export async function downloadSnapshotPath(
  auth: AuthContext,
  request: Request,
  shortId: string,
  snapshotId: string,
  query: DumpQuery,
): Promise<Response> {
  const row = await loadRepository(auth, shortId);
  const snapshot = await findSnapshot(row, snapshotId);
  const download = await planDownload(row, snapshot, query);
  const stream = await openDump(row, { ...download.dump, signal: request.signal });
  publishEvent(auth.organizationId, DUMP_STARTED, {
    organizationId: auth.organizationId,
    repositoryId: row.id,
    snapshotId: snapshot.id,
    path: normaliseSnapshotPath(query.path),
    filename: download.filename,
  });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": download.contentType,
      "content-disposition": attachmentDisposition(download.filename),
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    },
  });
}
