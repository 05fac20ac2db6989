// The snapshot-index benchmark's data: a tree of 1,010,000 tiny files in 50,051 folders (one folder of 10,000
// files, 50 folders of 1,000 subfolders of 20 files each) and a local restic repository holding 10 snapshots of it,
// each after changing one file in 1 % of the leaf folders. Made once (it takes a while) and kept in BENCH_CACHE
// (default ~/.cache/zerobyte-bench/index), reused whenever `fixture.json` says it is complete.
//
//   tsx bench/index-fixture.ts      makes (or checks) the fixture on its own
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const BENCH_CACHE = process.env.BENCH_CACHE ?? path.join(homedir(), ".cache", "zerobyte-bench", "index");
export const FIXTURE_PASSWORD = "bench-index-password";
export const TOP_FOLDERS = 50;
export const SUBFOLDERS = 1000;
export const FILES_PER_LEAF = 20;
export const BIG_FOLDER_FILES = 10_000;
export const SNAPSHOTS = 10;
/** The file the search benchmark looks for: one per snapshot, in a leaf folder that changes every snapshot. */
export const NEEDLE = "needle-report";

export type IndexFixture = { tree: string; repository: string; password: string; snapshotIds: string[] };

/** The dedup check: 100 × 10 folders of 100 files (100,000), one file rewritten before each of 10 snapshots. */
export const DEDUP_FOLDERS = 100;

export function resticBin(): string {
  const bundled = path.join(root, ".tools/restic-0.18/usr/bin/restic");
  return process.env.RESTIC_BIN ?? (existsSync(bundled) ? bundled : "restic");
}

const leaf = (top: number, sub: number) => `d${String(top).padStart(2, "0")}/e${String(sub).padStart(3, "0")}`;
const fileName = (index: number) => `f${String(index).padStart(2, "0")}.txt`;

async function generateTree(tree: string) {
  const big = path.join(tree, "big");
  await mkdir(big, { recursive: true });
  for (let i = 0; i < BIG_FOLDER_FILES; i++) await writeFile(path.join(big, `item-${i}.txt`), `big ${i}\n`);
  for (let top = 0; top < TOP_FOLDERS; top++) {
    for (let sub = 0; sub < SUBFOLDERS; sub++) {
      const folder = path.join(tree, leaf(top, sub));
      await mkdir(folder, { recursive: true });
      for (let f = 0; f < FILES_PER_LEAF; f++) await writeFile(path.join(folder, fileName(f)), `${top}.${sub}.${f}\n`);
    }
  }
}

/** Before snapshot `round` (1-based after the first): one file rewritten in 1 % of the leaf folders, spread evenly. */
export function changedLeaves(round: number): string[] {
  const count = (TOP_FOLDERS * SUBFOLDERS) / 100;
  return Array.from({ length: count }, (_, i) =>
    leaf(i % TOP_FOLDERS, (Math.floor(i / TOP_FOLDERS) * 100 + round * 7) % SUBFOLDERS),
  );
}

async function changeTree(tree: string, round: number) {
  for (const folder of changedLeaves(round)) {
    await writeFile(path.join(tree, folder, fileName(round % FILES_PER_LEAF)), `changed in round ${round}\n`);
  }
  await writeFile(path.join(tree, changedLeaves(round)[0], `${NEEDLE}-${round}.txt`), `needle ${round}\n`);
}

function run(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(resticBin(), args, {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, RESTIC_PASSWORD: FIXTURE_PASSWORD, RESTIC_CACHE_DIR: path.join(BENCH_CACHE, "cache") },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`restic ${args[0]} failed (${code}): ${stderr}`)),
    );
  });
}

async function generateDedupTree(tree: string) {
  for (let d = 0; d < DEDUP_FOLDERS; d++) {
    for (let s = 0; s < 10; s++) {
      const folder = path.join(tree, `d${d}`, `s${s}`);
      await mkdir(folder, { recursive: true });
      for (let f = 0; f < 100; f++) await writeFile(path.join(folder, `f${f}.txt`), `${d}.${s}.${f}\n`);
    }
  }
}

const changeDedupTree = (tree: string, round: number) =>
  writeFile(path.join(tree, `d${round}`, `s${round}`, `f${round}.txt`), `changed in round ${round}\n`);

/** 1,010,000 files, 1 % of the folders changed between snapshots (indexing, browsing, search and diff figures). */
export const ensureIndexFixture = (log: (line: string) => void = console.log) =>
  ensureFixture("", generateTree, changeTree, log);

/** 100,000 files, one file changed between snapshots (the dedup figure). */
export const ensureDedupFixture = (log: (line: string) => void = console.log) =>
  ensureFixture("dedup-", generateDedupTree, changeDedupTree, log);

async function ensureFixture(
  prefix: string,
  generate: (tree: string) => Promise<void>,
  change: (tree: string, round: number) => Promise<void>,
  log: (line: string) => void,
): Promise<IndexFixture> {
  const tree = path.join(BENCH_CACHE, `${prefix}tree`);
  const repository = path.join(BENCH_CACHE, `${prefix}repository`);
  const stateFile = path.join(BENCH_CACHE, `${prefix}fixture.json`);
  const state: IndexFixture = existsSync(stateFile)
    ? JSON.parse(await readFile(stateFile, "utf8"))
    : { tree, repository, password: FIXTURE_PASSWORD, snapshotIds: [] };
  if (state.snapshotIds.length === SNAPSHOTS) return state;
  await mkdir(BENCH_CACHE, { recursive: true });
  if (state.snapshotIds.length === 0) {
    log(`generating ${tree} …`);
    await generate(tree);
    if (!existsSync(path.join(repository, "config"))) await run(["-r", repository, "init"], BENCH_CACHE);
  }
  while (state.snapshotIds.length < SNAPSHOTS) {
    const round = state.snapshotIds.length;
    if (round > 0) await change(tree, round);
    const started = performance.now();
    const out = await run(["-r", repository, "backup", "--json", "--host", "bench", `${prefix}tree`], BENCH_CACHE);
    const summary = out
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
      .find((line) => line.message_type === "summary");
    state.snapshotIds.push(summary.snapshot_id);
    await writeFile(stateFile, JSON.stringify(state, null, 2));
    log(
      `snapshot ${round + 1}/${SNAPSHOTS}: ${summary.snapshot_id} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return state;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  (async () => [await ensureIndexFixture(), await ensureDedupFixture()])().then(
    (fixtures) => console.log(JSON.stringify(fixtures)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
