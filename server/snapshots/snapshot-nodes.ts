// What a snapshot holds at given paths, checked before a restore or a download starts, so an unknown path is a 404
// (and a file asked for as a folder a 400) instead of a failed task or a broken download.
import { getConfig } from "@/server/config";
import { NotFoundError } from "@/server/http/errors";
import { withRepository } from "@/server/repositories/repository-access";
import type { RepositoryRow } from "@/server/repositories/repository-store";
import { listSnapshotFiles, type ResticNode } from "@/server/restic/ls";

/** A stand-in for the snapshot's root, which restic never lists as a node of its own. */
const ROOT: ResticNode = { name: "", type: "dir", path: "/", struct_type: "node" };

/**
 * The nodes at `paths` (normalised snapshot paths) that the snapshot holds, read by one `restic ls` of all of them;
 * only the asked-for nodes are kept, whatever the folders among them hold.
 */
export async function findSnapshotNodes(
  row: RepositoryRow,
  snapshotId: string,
  paths: readonly string[],
): Promise<Map<string, ResticNode>> {
  const wanted = new Set(paths);
  const found = new Map<string, ResticNode>();
  if (wanted.has("/")) found.set("/", ROOT);
  const listed = [...wanted].filter((entry) => entry !== "/");
  if (listed.length === 0) return found;
  await withRepository(row, "shared", (target) =>
    listSnapshotFiles(target, snapshotId, {
      paths: listed,
      timeoutMs: getConfig().resticTimeoutMs,
      onNode: (node) => {
        if (wanted.has(node.path)) found.set(node.path, node);
      },
    }),
  );
  return found;
}

/** Like findSnapshotNodes, but every path must be there: NotFoundError names the first one that is not. */
export async function statSnapshotPaths(
  row: RepositoryRow,
  snapshotId: string,
  paths: readonly string[],
): Promise<Map<string, ResticNode>> {
  const found = await findSnapshotNodes(row, snapshotId, paths);
  const missing = paths.find((entry) => !found.has(entry));
  if (missing !== undefined) throw new NotFoundError(`${missing} is not in this snapshot`);
  return found;
}
