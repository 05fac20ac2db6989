import { BadRequestError } from "@/server/http/errors";
import { type CommandOptions, type ResticTarget, runRestic } from "./run";

export type TagChanges = { add?: string[]; remove?: string[]; set?: string[] };

/** Changes tags of snapshots. restic rewrites each snapshot, so their ids change. */
export async function tagSnapshots(
  target: ResticTarget,
  snapshotIds: string[],
  changes: TagChanges,
  options: CommandOptions = {},
): Promise<void> {
  if (snapshotIds.length === 0) throw new BadRequestError("snapshotIds must name at least one snapshot");
  const args = ["tag"];
  for (const [key, flag] of [
    ["add", "--add"],
    ["remove", "--remove"],
    ["set", "--set"],
  ] as const) {
    // `--add=<tag>`: a tag can never be read as a flag of its own, whatever it starts with.
    for (const tag of changes[key] ?? []) args.push(`${flag}=${tag}`);
  }
  if (args.length === 1) throw new BadRequestError("Give at least one tag to add, remove or set");
  args.push("--", ...snapshotIds);
  await runRestic(target, args, options);
}
