// What is mounted where, from /proc/self/mountinfo. Reading procfs never touches the mounted filesystems, so this is
// safe in the server process even when a mount is dead.
import { readFile } from "node:fs/promises";
import { isWithin } from "@/server/filesystem/host-path";

export type MountEntry = { mountPoint: string; fsType: string; source: string };

const unescapeOctal = (value: string) =>
  value.replace(/\\([0-7]{3})/g, (_, octal) => String.fromCharCode(parseInt(octal, 8)));

export function parseMountInfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split("\n")) {
    const fields = line.split(" ");
    const separator = fields.indexOf("-", 6);
    if (fields.length < 10 || separator < 0) continue;
    entries.push({
      mountPoint: unescapeOctal(fields[4]),
      fsType: fields[separator + 1],
      source: unescapeOctal(fields[separator + 2] ?? ""),
    });
  }
  return entries;
}

export async function readMounts(): Promise<MountEntry[]> {
  return parseMountInfo(await readFile("/proc/self/mountinfo", "utf8"));
}

/** The topmost mount at exactly this path, if any (later lines are mounted over earlier ones). */
export async function findMount(mountPoint: string): Promise<MountEntry | undefined> {
  return (await readMounts()).findLast((entry) => entry.mountPoint === mountPoint);
}

/** Mounts at or below a folder, deepest first (the order they must be unmounted in). */
export async function mountsUnder(folder: string): Promise<MountEntry[]> {
  return (await readMounts())
    .filter((entry) => isWithin(folder, entry.mountPoint))
    .sort((a, b) => b.mountPoint.length - a.mountPoint.length);
}
