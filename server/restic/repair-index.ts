import { type CommandOptions, type ResticTarget, runRestic } from "./run";

/** Rebuilds the index from the pack files: `repair index` on ≥0.16, `rebuild-index` before. */
export async function repairIndex(target: ResticTarget, options: CommandOptions = {}): Promise<{ output: string }> {
  const { stdout, stderr } = await runRestic(
    target,
    ({ capabilities }) => (capabilities.repairIndex ? ["repair", "index"] : ["rebuild-index"]),
    options,
  );
  return { output: `${stdout}${stderr}`.trim() };
}
