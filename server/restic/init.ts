import { parseJsonLine } from "./json-lines";
import { type CommandOptions, type ResticTarget, runRestic } from "./run";

export type InitResult = { id?: string };

/** `restic init`. restic 0.14 answers in text even with `--json`, so both shapes are read. */
export async function initRepository(target: ResticTarget, options: CommandOptions = {}): Promise<InitResult> {
  const { stdout } = await runRestic(target, ["init", "--json"], options);
  for (const line of stdout.split("\n")) {
    const json = parseJsonLine<{ message_type?: string; id?: string }>(line);
    if (json?.message_type === "initialized") return { id: json.id };
    const text = line.match(/created restic repository ([0-9a-f]+)/);
    if (text) return { id: text[1] };
  }
  return {};
}
