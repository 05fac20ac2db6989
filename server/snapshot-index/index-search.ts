// Search by name across indexed snapshots, and a path's version history. A name is stored once per distinct folder,
// so one scan of the entries finds it for every snapshot; the snapshots (and paths) holding each hit are then found
// by walking up from its folder, each folder's places remembered, so folders shared by many snapshots are walked once.
import { type EntryRow, type IndexedSnapshot, resolvePath } from "./index-reader";
import type { IndexDb } from "./index-store";
import { DIR, formatTime, typeCode, typeName } from "./node-codec";

/** A query that matches more names than this answers the first ones and says `truncated`. */
export const MAX_SEARCH_MATCHES = 20_000;

export type SearchHit = {
  snapshotId: string;
  snapshotTime: number;
  path: string;
  type: string;
  size: number | null;
  mtime: string | null;
};

/** Case-insensitive: a substring, or with `*`/`?` a glob over the whole name. As a LIKE pattern (escape `\`). */
export function likePattern(query: string): string {
  const folded = query.toLowerCase();
  const escaped = folded.replace(/[\\%_]/g, (c) => `\\${c}`);
  if (!/[*?]/.test(folded)) return `%${escaped}%`;
  return escaped.replace(/\*/g, "%").replace(/\?/g, "_");
}

type Place = { snapshot: IndexedSnapshot; path: string };

function placesOf(db: IndexDb, snapshots: readonly IndexedSnapshot[]) {
  const parents = db.prepare("SELECT dir_id, name FROM entries WHERE child_id = ?").raw(true);
  const memo = new Map<number, Place[]>();
  const roots = new Map<number, IndexedSnapshot[]>();
  for (const snapshot of snapshots) roots.set(snapshot.rootId, [...(roots.get(snapshot.rootId) ?? []), snapshot]);
  const places = (dirId: number): Place[] => {
    const known = memo.get(dirId);
    if (known) return known;
    memo.set(dirId, []); // a folder cannot contain itself; guards a corrupt file from looping
    const found: Place[] = (roots.get(dirId) ?? []).map((snapshot) => ({ snapshot, path: "" }));
    for (const [parentId, name] of parents.all(dirId) as [number, string][]) {
      for (const place of places(parentId)) found.push({ snapshot: place.snapshot, path: `${place.path}/${name}` });
    }
    memo.set(dirId, found);
    return found;
  };
  return places;
}

export function searchIndex(
  db: IndexDb,
  snapshots: readonly IndexedSnapshot[],
  options: { query: string; pathPrefix: string; type?: string },
): { hits: SearchHit[]; truncated: boolean } {
  const conditions = ["COALESCE(e.folded, e.name) LIKE ? ESCAPE '\\'"];
  const args: (string | number)[] = [likePattern(options.query)];
  if (options.type) {
    conditions.push("e.type = ?");
    args.push(typeCode(options.type));
  }
  const matches = db
    .prepare(
      `SELECT e.dir_id, e.name, e.type, e.size, e.mtime, d.size AS dir_size FROM entries e
       LEFT JOIN dirs d ON d.id = e.child_id WHERE ${conditions.join(" AND ")} LIMIT ?`,
    )
    .safeIntegers(true)
    .all(...args, MAX_SEARCH_MATCHES + 1) as Pick<
    EntryRow,
    "dir_id" | "name" | "type" | "size" | "mtime" | "dir_size"
  >[];
  const truncated = matches.length > MAX_SEARCH_MATCHES;
  const places = placesOf(db, snapshots);
  const prefix = options.pathPrefix === "" ? "" : `${options.pathPrefix}/`;
  const hits: SearchHit[] = [];
  for (const match of matches.slice(0, MAX_SEARCH_MATCHES)) {
    const type = Number(match.type);
    const size = type === DIR ? match.dir_size : match.size;
    for (const place of places(Number(match.dir_id))) {
      const path = `${place.path}/${match.name}`;
      if (prefix && !path.startsWith(prefix)) continue;
      hits.push({
        snapshotId: place.snapshot.id,
        snapshotTime: place.snapshot.time,
        path,
        type: typeName(type),
        size: size === null ? null : Number(size),
        mtime: match.mtime === null ? null : formatTime(match.mtime),
      });
    }
  }
  hits.sort(
    (a, b) =>
      b.snapshotTime - a.snapshotTime ||
      (a.snapshotId < b.snapshotId ? -1 : a.snapshotId > b.snapshotId ? 1 : 0) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  return { hits, truncated };
}

export type HistoryVersion = {
  snapshotId: string;
  shortId: string;
  snapshotTime: number;
  type: string;
  size: number | null;
  mtime: string | null;
  /** Differs from the previous (older) snapshot holding the path, or it is the first to hold it. */
  changed: boolean;
};

/** Every indexed snapshot holding `segments`, newest first. */
export function historyOf(db: IndexDb, snapshots: readonly IndexedSnapshot[], segments: readonly string[]) {
  const oldestFirst = [...snapshots].sort((a, b) => a.time - b.time);
  const byRoot = new Map<number, EntryRow | null>();
  const versions: HistoryVersion[] = [];
  let previous: EntryRow | null = null;
  for (const snapshot of oldestFirst) {
    if (!byRoot.has(snapshot.rootId))
      byRoot.set(snapshot.rootId, resolvePath(db, snapshot.rootId, segments)?.entry ?? null);
    const entry = byRoot.get(snapshot.rootId)!;
    if (!entry) continue;
    const type = Number(entry.type);
    const size = type === DIR ? entry.dir_size : entry.size;
    const changed =
      previous === null ||
      previous.type !== entry.type ||
      (type === DIR
        ? previous.child_id !== entry.child_id
        : previous.size !== entry.size || previous.mtime !== entry.mtime);
    versions.push({
      snapshotId: snapshot.id,
      shortId: snapshot.shortId,
      snapshotTime: snapshot.time,
      type: typeName(type),
      size: size === null ? null : Number(size),
      mtime: entry.mtime === null ? null : formatTime(entry.mtime),
      changed,
    });
    previous = entry;
  }
  return versions.reverse();
}
