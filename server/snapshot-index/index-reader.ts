// Reading the index: indexed snapshots, a path inside one, and a page of a folder. Every lookup is a primary-key
// probe (a folder's entries are stored together under its id), so a page costs the same in a 10-file folder of a
// small snapshot as in a 10,000-file folder of a million-file one.
import type { SnapshotFile } from "@/server/snapshots/snapshots.schema";
import type { IndexDb } from "./index-store";
import { DIR, FILE, formatTime, typeName } from "./node-codec";

export type IndexedSnapshot = {
  id: string;
  shortId: string;
  time: number;
  hostname: string;
  paths: string[];
  rootId: number;
  nodes: number;
  indexedAt: number;
};

type SnapshotRow = {
  id: string;
  short_id: string;
  time: number;
  hostname: string;
  paths: string;
  root_id: number;
  nodes: number;
  indexed_at: number;
};

function toSnapshot(row: SnapshotRow): IndexedSnapshot {
  return {
    id: row.id,
    shortId: row.short_id,
    time: row.time,
    hostname: row.hostname,
    paths: JSON.parse(row.paths),
    rootId: row.root_id,
    nodes: row.nodes,
    indexedAt: row.indexed_at,
  };
}

/** By full id, or by a unique prefix of one (restic 0.14's backup summary names the short id). */
export function findIndexedSnapshot(db: IndexDb, snapshotId: string): IndexedSnapshot | undefined {
  const rows = (
    /^[0-9a-f]{1,63}$/.test(snapshotId)
      ? db.prepare("SELECT * FROM snapshots WHERE id LIKE ? || '%' LIMIT 2").all(snapshotId)
      : db.prepare("SELECT * FROM snapshots WHERE id = ?").all(snapshotId)
  ) as SnapshotRow[];
  return rows.length === 1 ? toSnapshot(rows[0]) : undefined;
}

/** Indexed snapshots, newest first. */
export function indexedSnapshots(db: IndexDb): IndexedSnapshot[] {
  return (db.prepare("SELECT * FROM snapshots ORDER BY time DESC, id").all() as SnapshotRow[]).map(toSnapshot);
}

/** A stored entry as read back (integers as BigInt: times are nanoseconds). */
export type EntryRow = {
  dir_id: bigint;
  name: string;
  type: bigint;
  size: bigint | null;
  mode: bigint | null;
  uid: bigint | null;
  gid: bigint | null;
  mtime: bigint | null;
  atime: bigint | null;
  ctime: bigint | null;
  child_id: bigint | null;
  dir_size: bigint | null;
  dir_files: bigint | null;
};

const ENTRY_COLUMNS = `e.dir_id, e.name, e.type, e.size, e.mode, e.uid, e.gid, e.mtime, e.atime, e.ctime, e.child_id,
  d.size AS dir_size, d.files AS dir_files`;

const num = (value: bigint | null) => (value === null ? undefined : Number(value));
const time = (value: bigint | null, mtime: bigint | null) =>
  mtime === null ? undefined : formatTime(value === null ? mtime : mtime + value);

export function toSnapshotFile(row: EntryRow, parentPath: string): SnapshotFile {
  const type = Number(row.type);
  const node: SnapshotFile = {
    name: row.name,
    type: typeName(type),
    path: `${parentPath}/${row.name}`,
    struct_type: "node",
  };
  if (row.uid !== null) node.uid = Number(row.uid);
  if (row.gid !== null) node.gid = Number(row.gid);
  const size = type === DIR ? num(row.dir_size) : num(row.size);
  if (size !== undefined) node.size = size;
  if (row.mode !== null) node.mode = Number(row.mode);
  if (row.mtime !== null) {
    node.mtime = formatTime(row.mtime);
    node.atime = time(row.atime, row.mtime);
    node.ctime = time(row.ctime, row.mtime);
  }
  if (type === DIR) node.fileCount = num(row.dir_files) ?? 0;
  return node;
}

type DirectoryInfo = { id: number; size: number; files: number; dirs: number; others: number; entries: number };

function directoryInfo(db: IndexDb, dirId: number): DirectoryInfo {
  return db.prepare("SELECT id, size, files, dirs, others, entries FROM dirs WHERE id = ?").get(dirId) as DirectoryInfo;
}

/** Where a path leads in a snapshot: a folder (its id), another kind of node, or nowhere. */
export type Resolved = { dirId: number; entry: EntryRow | null } | { dirId: null; entry: EntryRow } | null;

export function resolvePath(db: IndexDb, rootId: number, segments: readonly string[]): Resolved {
  const lookup = db
    .prepare(
      `SELECT ${ENTRY_COLUMNS} FROM entries e LEFT JOIN dirs d ON d.id = e.child_id WHERE e.dir_id = ? AND e.name = ?`,
    )
    .safeIntegers(true);
  let dirId = rootId;
  let entry: EntryRow | null = null;
  for (const [index, segment] of segments.entries()) {
    entry = (lookup.get(dirId, segment) as EntryRow | undefined) ?? null;
    if (!entry) return null;
    if (entry.child_id === null) return index === segments.length - 1 ? { dirId: null, entry } : null;
    dirId = Number(entry.child_id);
  }
  return { dirId, entry };
}

export type ListSort = "name" | "size" | "mtime";
export type ListOrder = "asc" | "desc";

function orderBy(sort: ListSort, order: ListOrder): string {
  const direction = order === "desc" ? "DESC" : "ASC";
  if (sort === "size") return `COALESCE(d.size, e.size, 0) ${direction}, e.name`;
  if (sort === "mtime") return `e.mtime ${direction}, e.name`;
  // By name, folders first (as restic-backed listings are), each group in the asked order.
  return `(e.type = ${DIR}) DESC, e.name ${direction}`;
}

export function listDirectoryPage(
  db: IndexDb,
  dirId: number,
  parentPath: string,
  page: { offset: number; limit: number; sort: ListSort; order: ListOrder },
): { files: SnapshotFile[]; total: number } {
  const rows = db
    .prepare(
      `SELECT ${ENTRY_COLUMNS} FROM entries e LEFT JOIN dirs d ON d.id = e.child_id WHERE e.dir_id = ?
       ORDER BY ${orderBy(page.sort, page.order)} LIMIT ? OFFSET ?`,
    )
    .safeIntegers(true)
    .all(dirId, page.limit, page.offset) as EntryRow[];
  return { files: rows.map((row) => toSnapshotFile(row, parentPath)), total: directoryInfo(db, dirId).entries };
}

/** All children of a folder, in name order (diff and history walk folders whole). */
export function directoryEntries(db: IndexDb, dirId: number): EntryRow[] {
  return db
    .prepare(
      `SELECT ${ENTRY_COLUMNS} FROM entries e LEFT JOIN dirs d ON d.id = e.child_id WHERE e.dir_id = ? ORDER BY e.name`,
    )
    .safeIntegers(true)
    .all(dirId) as EntryRow[];
}

/**
 * The children of `dirId` that `otherId` lacks or holds differently (another type, size, time or content), so two
 * versions of a 10,000-entry folder that differ in one file cost one row each, not 10,000 (diff).
 */
export function entriesNotIn(db: IndexDb, dirId: number, otherId: number): EntryRow[] {
  return db
    .prepare(
      `SELECT ${ENTRY_COLUMNS} FROM entries e LEFT JOIN dirs d ON d.id = e.child_id WHERE e.dir_id = ? AND NOT EXISTS (
         SELECT 1 FROM entries o WHERE o.dir_id = ? AND o.name = e.name AND o.type = e.type AND o.size IS e.size
           AND o.mtime IS e.mtime AND o.child_id IS e.child_id)`,
    )
    .safeIntegers(true)
    .all(dirId, otherId) as EntryRow[];
}

export const isFileType = (row: EntryRow) => Number(row.type) === FILE;
