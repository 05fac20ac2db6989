// One page of one folder of a snapshot, read by a streamed `restic ls` of that folder: restic (0.14 and 0.18 alike)
// prints the folder itself and its direct children, never the levels below, and only the first `offset + limit`
// entries of each kind are kept while it streams. The snapshot index answers from its own tables and calls this
// while a snapshot is not indexed yet.
import path from "node:path/posix";
import { getConfig } from "@/server/config";
import { BadRequestError, NotFoundError } from "@/server/http/errors";
import { type PaginationQuery, pageMeta } from "@/server/http/pagination";
import { withRepository } from "@/server/repositories/repository-access";
import type { RepositoryRow } from "@/server/repositories/repository-store";
import { listSnapshotFiles, type ResticNode } from "@/server/restic/ls";
import { compareNames, normaliseSnapshotPath } from "./snapshot-paths";
import type { SnapshotDirectoryPage, SnapshotFile } from "./snapshots.schema";

/** The `capacity` smallest items seen, in order. restic sends a folder's entries sorted by name, so adding is O(1). */
class SmallestItems<T> {
  readonly items: T[] = [];
  count = 0;
  constructor(
    private readonly capacity: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  add(item: T): void {
    this.count++;
    const { items } = this;
    if (items.length === this.capacity && this.compare(item, items[items.length - 1]) >= 0) return;
    let low = 0;
    let high = items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(items[middle], item) <= 0) low = middle + 1;
      else high = middle;
    }
    items.splice(low, 0, item);
    if (items.length > this.capacity) items.pop();
  }
}

const byName = (a: ResticNode, b: ResticNode) => compareNames(a.name, b.name);

export function toSnapshotFile(node: ResticNode): SnapshotFile {
  const { name, type, path: nodePath, uid, gid, size, mode, mtime, atime, ctime } = node;
  return { name, type, path: nodePath, uid, gid, size, mode, mtime, atime, ctime, struct_type: "node" };
}

/**
 * A page of the folder `directory` of snapshot `snapshotId`: folders first, then everything else, each by name.
 * The folder itself is not an entry. Unknown folder → NotFoundError; a path that is not a folder → BadRequestError.
 */
export async function listSnapshotDirectory(
  row: RepositoryRow,
  snapshotId: string,
  directory: string,
  page: PaginationQuery,
  options: { signal?: AbortSignal } = {},
): Promise<SnapshotDirectoryPage> {
  const folder = normaliseSnapshotPath(directory);
  const keep = page.offset + page.limit;
  const folders = new SmallestItems(keep, byName);
  const others = new SmallestItems(keep, byName);
  let self: ResticNode | undefined;
  const { snapshot } = await withRepository(row, "shared", (target) =>
    listSnapshotFiles(target, snapshotId, {
      paths: [folder],
      signal: options.signal,
      timeoutMs: getConfig().resticTimeoutMs,
      onNode: (node) => {
        if (node.path === folder) self = node;
        else if (path.dirname(node.path) === folder) (node.type === "dir" ? folders : others).add(node);
      },
    }),
  );
  if (!snapshot) throw new NotFoundError("Snapshot not found");
  if (folder !== "/" && !self) throw new NotFoundError(`${folder} is not in this snapshot`);
  if (self && self.type !== "dir") throw new BadRequestError(`${folder} is a ${self.type}, not a folder`);
  const entries = [...folders.items, ...others.items].slice(page.offset, keep);
  return {
    snapshot: {
      id: snapshot.id,
      short_id: snapshot.short_id,
      time: new Date(snapshot.time).getTime(),
      hostname: snapshot.hostname,
      paths: snapshot.paths,
    },
    files: entries.map(toSnapshotFile),
    path: folder,
    indexed: false,
    ...pageMeta(page, folders.count + others.count),
  };
}
