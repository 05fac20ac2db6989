// Plain restic, run the way a user would from a shell, to prepare or inspect repositories in tests.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function restic(
  repository: string,
  password: string,
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
) {
  const result = spawnSync(process.env.RESTIC_BIN ?? "restic", ["-r", repository, ...args], {
    cwd,
    env: {
      ...process.env,
      RESTIC_PASSWORD: password,
      RESTIC_CACHE_DIR: path.join(tmpdir(), "restic-test-cache"),
      ...env,
    },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`restic ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** A folder of small files to back up. */
export function sampleFiles(files: Record<string, string> = { "a.txt": "alpha", "dir/b.txt": "bravo" }): string {
  const root = mkdtempSync(path.join(tmpdir(), "zerobyte-src-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}
