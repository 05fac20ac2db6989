import { type CommandOptions, type ResticTarget, runRestic } from "./run";

/** Removes stale locks (those of dead processes or older than 30 min); `removeAll` removes every lock. */
export async function unlockRepository(
  target: ResticTarget,
  options: CommandOptions & { removeAll?: boolean } = {},
): Promise<{ output: string }> {
  const args = ["unlock", ...(options.removeAll ? ["--remove-all"] : [])];
  const { stdout, stderr } = await runRestic(target, args, { signal: options.signal, timeoutMs: options.timeoutMs });
  return { output: `${stdout}${stderr}`.trim() };
}
