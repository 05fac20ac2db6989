// What a restore request becomes: one or more jobs, each "the content of snapshot folder `source` (or the listed
// entries of it) goes into host folder `target`". restic never gets `--target /`: that would also reset the mode and
// owner of every folder above the restored paths (/, /srv, DATA_DIR…) to whatever the snapshot says.
import path from "node:path/posix";
import type { ResticNode } from "@/server/restic/ls";
import { commonAncestor, isWithinSnapshotPath, relativeTo } from "./snapshot-paths";

export type RestoreJob = {
  /** Folder of the snapshot whose content is restored (restic's `<snapshot>:<source>`). */
  source: string;
  /** Resolved host folder the content lands in. */
  target: string;
  /** Entries of `source` to restore, as paths relative to it (`/name`); empty: all of it. */
  include: string[];
  /** A restored folder that is its own target: its mode, owner and times, for when the restore creates it. */
  folder?: ResticNode;
};

/** How the plan checks host paths: resolve or refuse (403/400), and a quiet yes/no. */
export type TargetCheck = {
  resolve(hostPath: string, field: string): Promise<string>;
  allows(hostPath: string): Promise<boolean>;
};

/** Joins a snapshot path made relative (`/a/b`, or `/` for the folder itself) onto a host folder. */
function hostPathBelow(folder: string, relative: string): string {
  return relative === "/" ? folder : path.join(folder, relative);
}

/**
 * Entries as jobs of their own, for when exclude patterns are given: restic refuses include and exclude patterns
 * together, so each selected folder is restored whole (its excludes applied) and selected files by parent folder.
 */
function jobPerFolder(
  entries: readonly string[],
  nodes: ReadonlyMap<string, ResticNode>,
  targetOf: (entry: string) => string,
): RestoreJob[] {
  const jobs: RestoreJob[] = [];
  const files = new Map<string, string[]>();
  for (const entry of entries) {
    const node = nodes.get(entry);
    if (node?.type === "dir") jobs.push({ source: entry, target: targetOf(entry), include: [], folder: node });
    else files.set(path.dirname(entry), [...(files.get(path.dirname(entry)) ?? []), entry]);
  }
  for (const [parent, selected] of files) {
    jobs.push({
      source: parent,
      target: targetOf(parent),
      include: selected.map((entry) => relativeTo(parent, entry)),
    });
  }
  return jobs.sort((a, b) => (a.source < b.source ? -1 : 1));
}

/**
 * Restore into a folder of the caller's choice: the selection lands directly in `target`, without the folders above
 * it. One selected file lands as itself; one selected folder as its content; several paths below their common folder.
 * Nothing selected: the snapshot below the common folder of its paths (`/` when restic stored them elsewhere).
 */
export function planCustomTarget(
  include: readonly string[],
  nodes: ReadonlyMap<string, ResticNode>,
  snapshotPaths: readonly string[],
  target: string,
  options: { withExcludes: boolean },
): RestoreJob[] {
  let source: string;
  if (include.length === 1 && nodes.get(include[0])?.type !== "dir") source = path.dirname(include[0]);
  else if (include.length > 0) source = commonAncestor(include);
  else {
    const ancestor = commonAncestor(snapshotPaths);
    source = nodes.get(ancestor)?.type === "dir" ? ancestor : "/";
  }
  const entries = include.filter((entry) => entry !== source);
  if (options.withExcludes && entries.length > 1)
    return jobPerFolder(entries, nodes, (entry) => hostPathBelow(target, relativeTo(source, entry)));
  return [{ source, target, include: entries.map((entry) => relativeTo(source, entry)) }];
}

/**
 * Restore to where the snapshot's paths came from. Entries are restored into their parent folder (which keeps the
 * parent's own mode and owner), grouped by parent; a path whose parent the caller may not write to (a restore root
 * itself) is restored into itself instead, as is every folder when exclude patterns are given. Every written path
 * is checked first.
 */
export async function planOriginalLocation(
  include: readonly string[],
  nodes: ReadonlyMap<string, ResticNode>,
  check: TargetCheck,
  options: { withExcludes: boolean },
): Promise<RestoreJob[]> {
  const byParent = new Map<string, string[]>();
  const ownJobs: string[] = [];
  const resolved = new Map<string, string>();
  for (const entry of include) {
    resolved.set(entry, await check.resolve(entry, `include ${entry}`));
    const parent = path.dirname(entry);
    const isFolder = nodes.get(entry)?.type === "dir";
    if (isFolder && (entry === "/" || options.withExcludes || !(await check.allows(parent)))) ownJobs.push(entry);
    else byParent.set(parent, [...(byParent.get(parent) ?? []), entry]);
  }
  for (const parent of byParent.keys()) resolved.set(parent, await check.resolve(parent, `folder of ${parent}`));
  const targetOf = (entry: string) => resolved.get(entry)!;
  const grouped = [...byParent].map(([parent, entries]) => ({
    source: parent,
    target: targetOf(parent),
    include: entries.map((entry) => relativeTo(parent, entry)),
  }));
  return [...jobPerFolder(ownJobs, nodes, targetOf), ...grouped].sort((a, b) => (a.source < b.source ? -1 : 1));
}

/**
 * Exclude patterns as one job sees them: restic matches patterns against paths below `source`, so an absolute pattern
 * is made relative to it; one naming a path outside `source` cannot match there and is dropped. Relative patterns
 * (no leading `/`) match at any depth and stay as they are.
 */
export function excludesFor(source: string, patterns: readonly string[]): string[] {
  return patterns.flatMap((pattern) => {
    if (!pattern.startsWith("/") || source === "/") return [pattern];
    return isWithinSnapshotPath(source, pattern) ? [relativeTo(source, pattern)] : [];
  });
}
