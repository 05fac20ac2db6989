import { parseJsonLine } from "./json-lines";
import { type CommandOptions, type ResticTarget, runRestic } from "./run";
import { normaliseSnapshot, type ResticSnapshot } from "./snapshots";

export const NODE_TYPES = ["file", "dir", "symlink", "dev", "chardev", "fifo", "socket", "irregular"] as const;

export type ResticNode = {
  name: string;
  type: (typeof NODE_TYPES)[number];
  path: string;
  uid?: number;
  gid?: number;
  size?: number;
  mode?: number;
  permissions?: string;
  mtime?: string;
  atime?: string;
  ctime?: string;
  inode?: number;
  struct_type: "node";
};

export type ListSnapshotFilesOptions = CommandOptions & {
  /**
   * Paths inside the snapshot (taken literally, not as patterns). Each one is listed itself and, for a folder, with
   * its direct children only (everything below with `recursive`); a path the snapshot lacks lists nothing. restic 0.14
   * and 0.18 behave the same here.
   */
  paths?: string[];
  recursive?: boolean;
  onNode: (node: ResticNode) => void;
  /** Read without taking restic's repository lock (the snapshot index must never make a backup wait). */
  noLock?: boolean;
};

type LsLine = { struct_type?: string; message_type?: string };

/**
 * Streams `restic ls --json` node by node; nothing is buffered, so a million-file snapshot costs no memory here.
 * The first line describes the snapshot: 0.17+ tag it `message_type:"snapshot"`, 0.14 only `struct_type:"snapshot"`.
 */
export async function listSnapshotFiles(
  target: ResticTarget,
  snapshotId: string,
  options: ListSnapshotFilesOptions,
): Promise<{ snapshot: ResticSnapshot | undefined; nodes: number }> {
  let snapshot: ResticSnapshot | undefined;
  let nodes = 0;
  const args = ["ls", "--long", "--json"];
  if (options.noLock) args.push("--no-lock");
  if (options.recursive) args.push("--recursive");
  args.push("--", snapshotId);
  args.push(...(options.paths ?? []));
  await runRestic(target, args, {
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    captureStdout: false,
    onStdoutLine: (line) => {
      const json = parseJsonLine<LsLine>(line);
      const kind = json?.message_type ?? json?.struct_type;
      if (kind === "snapshot") snapshot = normaliseSnapshot(json as unknown as ResticSnapshot);
      else if (kind === "node") {
        const { message_type: _, ...node } = json as LsLine & ResticNode;
        nodes++;
        options.onNode(node as ResticNode);
      }
    },
  });
  return { snapshot, nodes };
}
