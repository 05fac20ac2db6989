// Turns the depth-first, pre-order node stream of `restic ls --json` into content-addressed directories. Only the
// folders on the path from the root to the current node are held in memory: a folder is finished (hashed, stored
// if new, summed into its parent) as soon as the walk leaves it, so memory follows the tree's depth and its widest
// folder, never the snapshot's size.
import { createHash } from "node:crypto";
import type { ResticNode } from "@/server/restic/ls";
import type { IndexDb } from "./index-store";
import { DIR, foldedName, type IndexEntry, toIndexEntry } from "./node-codec";

const COLUMNS = 12;
const ROW = `(${Array(COLUMNS).fill("?").join(", ")})`;
const ROWS_PER_INSERT = 64;
const COMMIT_EVERY_MS = 250;

type OpenDir = { path: string; entries: IndexEntry[]; entry: IndexEntry | null };
export type StoredDir = { id: number; hash: string; size: number; files: number; dirs: number; others: number };

/** Hash of a folder from everything the index serves about its children, the subfolders' hashes included. */
function hashEntries(entries: IndexEntry[]): string {
  let text = "";
  for (const e of entries) {
    text += `${e.name}\0${e.type}\0${e.size}\0${e.mode}\0${e.uid}\0${e.gid}\0${e.mtime}\0${e.atime}\0${e.ctime}\0${e.childHash ?? ""}\n`;
  }
  return createHash("sha256").update(text).digest("base64url").slice(0, 22);
}

export class IndexBuilder {
  private readonly stack: OpenDir[] = [{ path: "", entries: [], entry: null }];
  private readonly findDir;
  private readonly insertDir;
  private readonly insertEntry;
  private readonly insertEntries;
  private commitScheduled = false;
  nodes = 0;
  newDirs = 0;

  constructor(private readonly db: IndexDb) {
    this.findDir = db.prepare("SELECT id FROM dirs WHERE hash = ?").raw(true);
    this.insertDir = db.prepare(
      "INSERT INTO dirs (hash, size, files, dirs, others, entries) VALUES (?, ?, ?, ?, ?, ?)",
    );
    const insert = (rows: number) =>
      db.prepare(
        `INSERT INTO entries (dir_id, name, type, size, mode, uid, gid, mtime, atime, ctime, child_id, folded) VALUES ${Array(rows).fill(ROW).join(", ")}`,
      );
    this.insertEntry = insert(1);
    this.insertEntries = insert(ROWS_PER_INSERT);
  }

  add(node: ResticNode): void {
    const parent = parentOf(node);
    while (this.stack.at(-1)!.path !== parent) {
      if (this.stack.length === 1) throw new Error(`restic listed ${node.path} outside the folder being walked`);
      this.closeTop();
    }
    const entry = toIndexEntry(node);
    this.stack.at(-1)!.entries.push(entry);
    if (entry.type === DIR) this.stack.push({ path: node.path, entries: [], entry });
    this.nodes++;
  }

  /** Closes every open folder and returns the root (the snapshot's top level). */
  finish(): StoredDir {
    while (this.stack.length > 1) this.closeTop();
    const root = this.store(this.stack[0].entries);
    this.flush();
    return root;
  }

  /** Commits what has been written so far (called at the end, and before the event loop runs other work). */
  flush(): void {
    if (this.db.inTransaction) this.db.exec("COMMIT");
  }

  private closeTop() {
    const dir = this.stack.pop()!;
    const stored = this.store(dir.entries);
    const entry = dir.entry!;
    entry.childId = stored.id;
    entry.childHash = stored.hash;
    entry.totalSize = stored.size;
    entry.files = stored.files;
    entry.dirs = 1 + stored.dirs;
    entry.others = stored.others;
  }

  private store(entries: IndexEntry[]): StoredDir {
    const hash = hashEntries(entries);
    const totals = { size: 0, files: 0, dirs: 0, others: 0 };
    for (const e of entries) {
      totals.size += e.totalSize;
      totals.files += e.files;
      totals.dirs += e.dirs;
      totals.others += e.others;
    }
    const existing = this.findDir.get(hash) as [number] | undefined;
    if (existing !== undefined) return { id: existing[0], hash, ...totals };
    this.begin();
    const id = Number(
      this.insertDir.run(hash, totals.size, totals.files, totals.dirs, totals.others, entries.length).lastInsertRowid,
    );
    // Many rows per statement: the per-call cost of the driver, not SQLite, dominates single-row inserts.
    const values: unknown[] = [];
    for (const [index, e] of entries.entries()) {
      values.push(
        id,
        e.name,
        e.type,
        e.size,
        e.mode,
        e.uid,
        e.gid,
        e.mtime,
        e.atime,
        e.ctime,
        e.childId,
        foldedName(e.name),
      );
      if (values.length === ROWS_PER_INSERT * COLUMNS) {
        this.insertEntries.run(...values);
        values.length = 0;
      } else if (index === entries.length - 1) {
        for (let at = 0; at < values.length; at += COLUMNS) this.insertEntry.run(...values.slice(at, at + COLUMNS));
      }
    }
    this.newDirs++;
    return { id, hash, ...totals };
  }

  /**
   * Writes are batched into transactions of COMMIT_EVERY_MS: a folder's row and its entries always land in the same
   * one, and the index is never rolled back (a folder is complete as soon as it is written, whatever follows), so
   * other work using the connection meanwhile only ever sees complete folders.
   */
  private begin() {
    if (!this.db.inTransaction) this.db.exec("BEGIN");
    if (this.commitScheduled) return;
    this.commitScheduled = true;
    setTimeout(() => {
      this.commitScheduled = false;
      this.flush();
    }, COMMIT_EVERY_MS).unref();
  }
}

function parentOf(node: ResticNode): string {
  const { path, name } = node;
  if (path.length > name.length && path.endsWith(name) && path[path.length - name.length - 1] === "/") {
    return path.slice(0, path.length - name.length - 1);
  }
  return path.slice(0, Math.max(0, path.lastIndexOf("/")));
}
