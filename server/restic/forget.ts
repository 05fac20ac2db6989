import { BadRequestError } from "@/server/http/errors";
import { jsonLines } from "./json-lines";
import { type ResticTarget, runRestic } from "./run";
import { normaliseSnapshot, type ResticSnapshot } from "./snapshots";

export type RetentionPolicy = {
  keepLast?: number;
  keepHourly?: number;
  keepDaily?: number;
  keepWeekly?: number;
  keepMonthly?: number;
  keepYearly?: number;
  /** restic duration such as `1y6m3d12h`; restic's flag is `--keep-within` (`--keep-within-duration` never existed). */
  keepWithinDuration?: string;
};

export type ForgetGroup = {
  tags: string[] | null;
  host: string;
  paths: string[] | null;
  keep: ResticSnapshot[];
  remove: ResticSnapshot[];
  /** One per kept snapshot, in `keep`'s order; restic before 0.17 leaves the ids out of `snapshot`. */
  reasons: { snapshot: Omit<ResticSnapshot, "id" | "short_id"> & { id?: string }; matches: string[] }[];
};

const POLICY_FLAGS = {
  keepLast: "--keep-last",
  keepHourly: "--keep-hourly",
  keepDaily: "--keep-daily",
  keepWeekly: "--keep-weekly",
  keepMonthly: "--keep-monthly",
  keepYearly: "--keep-yearly",
} as const satisfies Record<Exclude<keyof RetentionPolicy, "keepWithinDuration">, string>;

const DURATION = /^(\d+[ymdh])+$/;

export function retentionPolicyArgs(policy: RetentionPolicy): string[] {
  const args = Object.entries(POLICY_FLAGS).flatMap(([key, flag]) => {
    const value = policy[key as keyof typeof POLICY_FLAGS];
    return value ? [flag, String(value)] : [];
  });
  if (policy.keepWithinDuration) {
    if (!DURATION.test(policy.keepWithinDuration)) {
      throw new BadRequestError("keepWithinDuration must be a duration such as 1y6m3d12h (units y, m, d, h)");
    }
    args.push("--keep-within", policy.keepWithinDuration);
  }
  return args;
}

function parseGroups(stdout: string): ForgetGroup[] {
  const groups = jsonLines<ForgetGroup[] | null>(stdout).find((value) => Array.isArray(value) || value === null) ?? [];
  return groups.map((group) => ({
    ...group,
    keep: (group.keep ?? []).map(normaliseSnapshot),
    remove: (group.remove ?? []).map(normaliseSnapshot),
    reasons: group.reasons ?? [],
  }));
}

export type ForgetByPolicyOptions = {
  /** Only snapshots carrying these tags (a schedule's shortId). */
  tags?: string[];
  groupBy?: string;
  /** Compute what would be kept and removed without changing anything (and without locking). */
  dryRun?: boolean;
  prune?: boolean;
  extraArgs?: string[];
  signal?: AbortSignal;
};

/** `forget` with a retention policy, grouped by tags like the original; prunes unless `dryRun` or `prune: false`. */
export async function forgetByPolicy(
  target: ResticTarget,
  policy: RetentionPolicy,
  options: ForgetByPolicyOptions = {},
): Promise<ForgetGroup[]> {
  const args = ["forget", "--json", "--group-by", options.groupBy ?? "tags"];
  for (const tag of options.tags ?? []) args.push("--tag", tag);
  args.push(...retentionPolicyArgs(policy));
  if (options.dryRun) args.push("--dry-run", "--no-lock");
  else if (options.prune ?? true) args.push("--prune");
  args.push(...(options.extraArgs ?? []));
  const { stdout } = await runRestic(target, args, { signal: options.signal });
  return parseGroups(stdout);
}

/** Removes the given snapshots (and, unless `prune: false`, the data only they used). */
export async function forgetSnapshots(
  target: ResticTarget,
  snapshotIds: string[],
  options: { prune?: boolean; signal?: AbortSignal } = {},
): Promise<void> {
  if (snapshotIds.length === 0) throw new BadRequestError("snapshotIds must name at least one snapshot");
  const args = ["forget", "--json", ...(options.prune === false ? [] : ["--prune"]), "--", ...snapshotIds];
  await runRestic(target, args, { signal: options.signal });
}
