// What a restore request becomes: one or more jobs, each "the content of snapshot folder `source` (or the listed
// entries of it) goes into host folder `target`". restic never gets `--target /`: that would also reset the mode and
// owner of every folder above the restored paths (/, /srv, DATA_DIR…) to whatever the snapshot says.
import path from "node:path/posix";
import { BadRequestError } from "@/server/http/errors";
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
): RestoreJob[] {
  let source: string;
  if (include.length === 1 && nodes.get(include[0])?.type !== "dir") source = path.dirname(include[0]);
  else if (include.length > 0) source = commonAncestor(include);
  else {
    const ancestor = commonAncestor(snapshotPaths);
    source = nodes.get(ancestor)?.type === "dir" ? ancestor : "/";
  }
  const entries = include.filter((entry) => entry !== source).map((entry) => relativeTo(source, entry));
  return [{ source, target, include: entries }];
}

/**
 * Restore to where the snapshot's paths came from. Entries are restored into their parent folder (which keeps the
 * parent's own mode and owner), grouped by parent; a path whose parent the caller may not write to (a restore root
 * itself) is restored into itself instead. Every written path is checked first.
 */
export async function planOriginalLocation(
  include: readonly string[],
  nodes: ReadonlyMap<string, ResticNode>,
  check: TargetCheck,
): Promise<RestoreJob[]> {
  const byParent = new Map<string, string[]>();
  const jobs: RestoreJob[] = [];
  for (const entry of include) {
    const resolved = await check.resolve(entry, `include ${entry}`);
    const parent = path.dirname(entry);
    if (entry !== "/" && (await check.allows(parent))) {
      byParent.set(parent, [...(byParent.get(parent) ?? []), entry]);
      continue;
    }
    const node = nodes.get(entry);
    if (node?.type !== "dir") throw new BadRequestError(`${entry} cannot be restored to its original location here`);
    jobs.push({ source: entry, target: resolved, include: [], folder: node });
  }
  for (const [parent, entries] of byParent) {
    const target = await check.resolve(parent, `folder of ${entries[0]}`);
    jobs.push({ source: parent, target, include: entries.map((entry) => relativeTo(parent, entry)) });
  }
  return jobs.sort((a, b) => (a.source < b.source ? -1 : 1));
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
