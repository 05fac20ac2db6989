// Each repository's snapshot index is its own embedded SQLite file under DATA_DIR/index/, not tables in the main
// database: the main database may be a remote libSQL server, while the index holds millions of rows that must stay
// local, be written fast (libsql's synchronous driver inserts ~6× faster than @libsql/client batches) and be dropped
// by deleting one file. Handles are kept on globalThis (routes and instrumentation are separate bundles).
import { mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "libsql";
import { getConfig } from "@/server/config";

export type IndexDb = InstanceType<typeof Database>;

const SCHEMA_VERSION = "1";

// A directory is stored once per distinct content (`hash`), with its recursive totals; `entries` are its children.
// Times are nanoseconds since the epoch; atime and ctime are kept as differences from mtime, NULL when equal, which
// SQLite stores in no bytes at all. `folded` is the lower-cased name, only for names that are not plain ASCII
// (SQLite's LIKE folds ASCII only), so search stays case-insensitive for every name at almost no cost.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dirs (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  files INTEGER NOT NULL,
  dirs INTEGER NOT NULL,
  others INTEGER NOT NULL,
  entries INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
  dir_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  type INTEGER NOT NULL,
  size INTEGER,
  mode INTEGER,
  uid INTEGER,
  gid INTEGER,
  mtime INTEGER,
  atime INTEGER,
  ctime INTEGER,
  child_id INTEGER,
  folded TEXT,
  PRIMARY KEY (dir_id, name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entries_by_child ON entries (child_id) WHERE child_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS snapshots (
  id TEXT PRIMARY KEY,
  short_id TEXT NOT NULL,
  time INTEGER NOT NULL,
  hostname TEXT NOT NULL,
  paths TEXT NOT NULL,
  tree TEXT NOT NULL,
  root_id INTEGER NOT NULL,
  nodes INTEGER NOT NULL,
  indexed_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS snapshots_by_tree ON snapshots (tree);
`;

const holder = globalThis as unknown as { __zerobyteIndexDbs?: Map<string, IndexDb> };
const handles = () => (holder.__zerobyteIndexDbs ??= new Map());

export function indexDir(): string {
  return path.join(/*turbopackIgnore: true*/ getConfig().dataDir, "index");
}

function indexFile(repositoryId: string): string {
  return path.join(/*turbopackIgnore: true*/ indexDir(), `${repositoryId}.db`);
}

function open(file: string): IndexDb {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // Before any table exists, so freed pages can be handed back to the file system after a sweep.
  db.exec("PRAGMA auto_vacuum = INCREMENTAL");
  db.exec("PRAGMA journal_mode = WAL");
  // A cache: losing the last commits in a power cut only means re-indexing, never a corrupt file.
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA busy_timeout = 5000");
  db.exec("PRAGMA cache_size = -32000");
  const version = (() => {
    try {
      return (db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string } | undefined)?.value;
    } catch {
      return undefined;
    }
  })();
  if (version !== undefined && version !== SCHEMA_VERSION) {
    // An index written by another version of the layout is rebuilt rather than migrated: it is only a cache.
    db.close();
    removeFiles(file);
    return open(file);
  }
  db.exec(SCHEMA);
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
  return db;
}

/** The repository's index database, created on first use. */
export function indexDb(repositoryId: string): IndexDb {
  const map = handles();
  let db = map.get(repositoryId);
  if (!db) {
    db = open(indexFile(repositoryId));
    map.set(repositoryId, db);
  }
  return db;
}

function removeFiles(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
}

/** Deletes the repository's whole index (repository deleted, or "drop index"). */
export function dropIndexDb(repositoryId: string): void {
  handles().get(repositoryId)?.close();
  handles().delete(repositoryId);
  removeFiles(indexFile(repositoryId));
}

/** Bytes the index takes on disk (database and write-ahead log); 0 when there is none. */
export function indexBytes(repositoryId: string): number {
  const file = indexFile(repositoryId);
  let total = 0;
  for (const suffix of ["", "-wal"]) {
    try {
      total += statSync(file + suffix).size;
    } catch {
      // not there
    }
  }
  return total;
}

/** Bytes of pages in use (what the rows cost, without free pages the file keeps for reuse). */
export function usedIndexBytes(db: IndexDb): number {
  const pages = scalar<number>(db, "PRAGMA page_count") ?? 0;
  const free = scalar<number>(db, "PRAGMA freelist_count") ?? 0;
  const size = scalar<number>(db, "PRAGMA page_size") ?? 0;
  return (pages - free) * size;
}

/** The first column of the first row (libsql's `pluck().get()` returns the whole row, so this reads it raw). */
export function scalar<T>(db: IndexDb, sql: string, ...args: unknown[]): T | undefined {
  return (
    db
      .prepare(sql)
      .raw(true)
      .get(...args) as unknown[] | undefined
  )?.[0] as T | undefined;
}

export function closeIndexDbs(): void {
  for (const db of handles().values()) db.close();
  handles().clear();
}
