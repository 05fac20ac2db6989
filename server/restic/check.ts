import { ResticCommandError } from "./errors";
import { jsonLines } from "./json-lines";
import { type CommandOptions, type ResticTarget, runRestic } from "./run";
import { getResticCapabilities } from "./version";

export type CheckResult = { success: boolean; output: string; suggestRepairIndex: boolean };

type CheckSummary = { message_type?: string; num_errors?: number; suggest_repair_index?: boolean };

/** What restic <0.18 prints when the index is at fault (it has no `suggest_repair_index`). */
const INDEX_PROBLEM = /\bindex\b|not referenced in any index|rebuild-index|repair index/i;

/**
 * `restic check` (metadata only unless `readData`). A repository with errors is a result (exit 1), not an exception;
 * a check that could not run (wrong password, lock, unreachable storage) throws.
 */
export async function checkRepository(
  target: ResticTarget,
  options: CommandOptions & { readData?: boolean } = {},
): Promise<CheckResult> {
  const { checkJson } = await getResticCapabilities();
  const args = ["check", ...(options.readData ? ["--read-data"] : []), ...(checkJson ? ["--json"] : [])];
  const result = await runRestic(target, args, {
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
  return { success, output, suggestRepairIndex };
}
