import { getConfig } from "@/server/config";
import { type CommandOptions, type ResticTarget, runRestic } from "./run";

/** Adds a key (default: the same password again) labelled with our hostname, as the original does after init. */
export async function addKey(
  target: ResticTarget,
  options: CommandOptions & { newPassword?: string; hostname?: string } = {},
): Promise<void> {
  await runRestic(
    target,
    async ({ writeFile }) => [
      "key",
      "add",
      "--host",
      options.hostname ?? getConfig().resticHostname,
      "--new-password-file",
      await writeFile("new-password", options.newPassword ?? target.password),
    ],
    { signal: options.signal, timeoutMs: options.timeoutMs },
  );
}
