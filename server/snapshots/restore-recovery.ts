// A restore on restic older than 0.17 stages its files in a private folder inside each target and removes it when it
// ends, cancelled or not (restore-jobs.ts). One that outlasts the shutdown's grace period, or a process killed
// mid-restore (kill -9, power cut, OOM), cannot, and the target would keep a hidden, half-restored copy for good. The
// shutdown (for the restores it gave up on) and the next start (for those it finds interrupted) remove the staging
// folders; nothing else in a target is touched.
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { InterruptedTask } from "@/server/tasks/task-store";
import { STAGING_PREFIX } from "./restore-targets";

/** The part of a restore task's input this needs: the folders its jobs restored into (restore.service.ts). */
const restoreInput = z.object({ targets: z.array(z.string()) });

async function stagingFoldersIn(target: string): Promise<string[]> {
  try {
    const entries = await readdir(target, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && entry.name.startsWith(STAGING_PREFIX))
      .map((entry) => path.join(target, entry.name));
  } catch {
    return []; // the target is gone or unreadable: nothing of ours to remove
  }
}

/** Returns the staging folders it removed. */
export async function removeInterruptedRestoreStaging(interrupted: InterruptedTask[]): Promise<string[]> {
  const removed: string[] = [];
  for (const task of interrupted) {
    if (task.kind !== "restore") continue;
    const input = restoreInput.safeParse(task.input);
    if (!input.success) continue;
    for (const target of input.data.targets) {
      for (const staging of await stagingFoldersIn(target)) {
        await rm(staging, { recursive: true, force: true });
        removed.push(staging);
      }
    }
  }
  return removed;
}
