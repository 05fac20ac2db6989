// The difference between two indexed snapshots. Folders with the same id hold the same content and are skipped
// without being read, so the cost follows what changed, not the size of the tree. Counts follow `restic diff`:
// added and removed nodes are counted through whole added/removed folders; `changed` counts files whose size or
// modification time differ (restic compares content, which `restic ls` does not show); a node whose type changed
// is counted once, its new children are not counted as added (restic does the same).
import { directoryEntries, type EntryRow, entriesNotIn, isFileType } from "./index-reader";
import type { IndexDb } from "./index-store";
import { DIR, FILE, typeName } from "./node-codec";

export type DiffChange = "added" | "removed" | "changed" | "typeChanged";
export type DiffEntry = {
  path: string;
  change: DiffChange;
  type: string;
  sizeBefore: number | null;
  sizeAfter: number | null;
  delta: number;
};
type Counts = { files: number; dirs: number; others: number };
export type DiffSummary = {
  added: number;
  removed: number;
  changed: number;
  typeChanged: number;
  bytesAdded: number;
  bytesRemoved: number;
  files: { added: number; removed: number; changed: number };
  dirs: { added: number; removed: number };
  others: { added: number; removed: number };
};

const sizeOf = (row: EntryRow) => Number((Number(row.type) === DIR ? row.dir_size : row.size) ?? 0n);

/** What a node stands for, itself and (for a folder) everything below it. */
function countsOf(row: EntryRow, db: IndexDb): Counts {
  const type = Number(row.type);
  if (type !== DIR) return { files: type === FILE ? 1 : 0, dirs: 0, others: type === FILE ? 0 : 1 };
  const below = db.prepare("SELECT files, dirs, others FROM dirs WHERE id = ?").get(Number(row.child_id)) as Counts;
  return { files: below.files, dirs: below.dirs + 1, others: below.others };
}

export class SnapshotDiff {
  readonly entries: DiffEntry[] = [];
  private readonly added: Counts = { files: 0, dirs: 0, others: 0 };
  private readonly removed: Counts = { files: 0, dirs: 0, others: 0 };
  private changedFiles = 0;
  private typeChanged = 0;
  private bytesAdded = 0;
  private bytesRemoved = 0;

  /** `depth`: list changes at most that many levels below the start, folders with their aggregated delta. */
  constructor(
    private readonly db: IndexDb,
    private readonly depth: number | undefined,
  ) {}

  summary(): DiffSummary {
    return {
      added: this.added.files + this.added.dirs + this.added.others,
      removed: this.removed.files + this.removed.dirs + this.removed.others,
      changed: this.changedFiles,
      typeChanged: this.typeChanged,
      bytesAdded: this.bytesAdded,
      bytesRemoved: this.bytesRemoved,
      files: { added: this.added.files, removed: this.removed.files, changed: this.changedFiles },
      dirs: { added: this.added.dirs, removed: this.removed.dirs },
      others: { added: this.added.others, removed: this.removed.others },
    };
  }

  /** Compares two folders (null: absent on that side) found at `path`. */
  compareDirs(before: number | null, after: number | null, path: string, level = 1): void {
    if (before === after) return;
    const side = (dir: number | null, other: number | null) =>
      dir === null ? [] : other === null ? directoryEntries(this.db, dir) : entriesNotIn(this.db, dir, other);
    const left = side(before, after);
    const right = new Map(side(after, before).map((row) => [row.name, row]));
    for (const a of left) {
      const b = right.get(a.name);
      if (b) {
        right.delete(a.name);
        this.both(a, b, `${path}/${a.name}`, level);
      } else this.one("removed", a, path, level);
    }
    for (const b of right.values()) this.one("added", b, path, level);
  }

  private emit(level: number, entry: DiffEntry, isFolder: boolean) {
    if (this.depth === undefined ? !isFolder || entry.change !== "changed" : level <= this.depth) {
      this.entries.push(entry);
    }
  }

  private account(delta: number) {
    if (delta > 0) this.bytesAdded += delta;
    else this.bytesRemoved -= delta;
  }

  private one(change: "added" | "removed", row: EntryRow, parent: string, level: number) {
    const counts = countsOf(row, this.db);
    const into = change === "added" ? this.added : this.removed;
    into.files += counts.files;
    into.dirs += counts.dirs;
    into.others += counts.others;
    const size = sizeOf(row);
    const delta = change === "added" ? size : -size;
    this.account(delta);
    this.emit(
      level,
      {
        path: `${parent}/${row.name}`,
        change,
        type: typeName(Number(row.type)),
        sizeBefore: change === "added" ? null : size,
        sizeAfter: change === "added" ? size : null,
        delta,
      },
      false,
    );
  }

  private both(a: EntryRow, b: EntryRow, path: string, level: number) {
    const typeA = Number(a.type);
    const typeB = Number(b.type);
    const sizeBefore = sizeOf(a);
    const sizeAfter = sizeOf(b);
    const entry = { path, type: typeName(typeB), sizeBefore, sizeAfter, delta: sizeAfter - sizeBefore };
    if (typeA !== typeB) {
      this.typeChanged++;
      this.account(entry.delta);
      this.emit(level, { ...entry, change: "typeChanged" }, false);
      return;
    }
    if (typeA === DIR) {
      if (a.child_id === b.child_id) return;
      this.emit(level, { ...entry, change: "changed" }, true);
      this.compareDirs(Number(a.child_id), Number(b.child_id), path, level + 1);
      return;
    }
    if (isFileType(a) && (a.size !== b.size || a.mtime !== b.mtime)) {
      this.changedFiles++;
      this.account(entry.delta);
      this.emit(level, { ...entry, change: "changed" }, false);
    }
  }

  /** Entries as the API lists them: in path order, or with `depth` the largest change first. */
  sorted(): DiffEntry[] {
    const byPath = (x: DiffEntry, y: DiffEntry) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
    if (this.depth === undefined) return [...this.entries].sort(byPath);
    return [...this.entries].sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || byPath(x, y));
  }
}
