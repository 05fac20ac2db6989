import { ResticCommandError } from "./errors";
import { jsonLines } from "./json-lines";
import { type CommandOptions, type ResticTarget, runRestic } from "./run";
import { getResticCapabilities } from "./version";

export type CheckResult = {
  success: boolean;
  output: string;
  suggestRepairIndex: boolean;
  /** Pack files whose data was read (`readDataSubset` only): restic's count for the group it read. */
  packsRead: number | null;
  /** The lines where restic names a problem (at most 50), scrubbed. */
  errors: string[];
};

/** `k/N`: the k-th of N groups of pack files; restic puts a pack in group (first byte of its id mod N) + 1. */
export type ReadDataSubset = { k: number; n: number };

type CheckSummary = { message_type?: string; num_errors?: number; suggest_repair_index?: boolean };

/** What restic <0.18 prints when the index is at fault (it has no `suggest_repair_index`). */
const INDEX_PROBLEM = /\bindex\b|not referenced in any index|rebuild-index|repair index/i;
/** restic 0.14–0.18: "read group #2 of 5 data packs (out of total 9 packs in 3 groups)". */
const GROUP_READ = /read group #\d+ of (\d+) data packs/;
const PROBLEM = /error|does not match|invalid|damaged|missing|not found|Fatal/i;
const MAX_ERRORS = 50;

function argsFor(options: { readData?: boolean; readDataSubset?: ReadDataSubset }, json: boolean): string[] {
  const args = ["check"];
  if (options.readDataSubset) args.push(`--read-data-subset=${options.readDataSubset.k}/${options.readDataSubset.n}`);
  else if (options.readData) args.push("--read-data");
  // The group line that says how many packs were read is only printed without --json.
  if (json && !options.readDataSubset) args.push("--json");
  return args;
}

/**
 * `restic check` (metadata only unless `readData` or `readDataSubset`). A repository with errors is a result
 * (exit 1), not an exception; a check that could not run (wrong password, lock, unreachable storage) throws.
 */
export async function checkRepository(
  target: ResticTarget,
  options: CommandOptions & { readData?: boolean; readDataSubset?: ReadDataSubset } = {},
): Promise<CheckResult> {
  const { checkJson } = await getResticCapabilities();
  const result = await runRestic(target, argsFor(options, checkJson), {
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    okExitCodes: [1],
  });
  if (result.exitCode !== 0) {
    const error = result.toError();
    if (!(error instanceof ResticCommandError)) throw error;
  }
  const output = result.scrub(`${result.stdout}\n${result.stderr}`.trim());
  const success = result.exitCode === 0 && !/Fatal/.test(result.stdout);
  const summary = jsonLines<CheckSummary>(result.stdout).find((line) => line.message_type === "summary");
  const suggestRepairIndex = summary
    ? summary.suggest_repair_index === true
    : !success && INDEX_PROBLEM.test(result.stderr);
  const group = GROUP_READ.exec(output);
  const errors = success
    ? []
    : output
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => PROBLEM.test(line) && !line.startsWith("{"))
        .slice(0, MAX_ERRORS);
  const packsRead = group ? Number(group[1]) : options.readDataSubset ? 0 : null;
  return { success, output, suggestRepairIndex, packsRead, errors };
}
