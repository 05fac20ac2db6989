// Benchmark (SPEC §10, issue "Snapshot index"): a snapshot of 1,010,000 tiny files in 50,051 folders, ten such
// snapshots with 1 % of the folders changed between each (bench/index-fixture.ts, made once and kept).
// Figures, each beside its baseline from the same run:
//   - indexing one snapshot through the app vs `restic ls --json` alone on it (target ≤ 1.5 ×), server RSS while
//     indexing (< 400 MB);
//   - a page of 500 of the 10,000-entry folder, and the root, over HTTP: p50 ≤ 50 ms, p99 ≤ 200 ms (200 requests);
//   - the first browse before the index exists (the restic ls fallback), for comparison;
//   - search of a name across the 10 snapshots: p50 ≤ 500 ms; diff of two with 1 % of folders changed: ≤ 1 s;
//   - index bytes for 1 and 10 snapshots beside the repository's index + tree metadata.
//
//   flock /tmp/zerobyte-bench.lock npm run bench:index     (after `npm run build`)
// Knobs: BENCH_CACHE (fixture folder, default ~/.cache/zerobyte-bench/index), BENCH_REQUESTS (default 200).
import { spawn } from "node:child_process";
import path from "node:path";
import { signUpAdmin } from "@/test/api-session";
import { startApp } from "@/test/app-server";
import { BENCH_CACHE, ensureDedupFixture, ensureIndexFixture, NEEDLE, resticBin } from "./index-fixture";
import { percentile } from "./stats";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const MB = 1e6;

type Row = { what: string; value: string; baseline?: string; ratio?: string; target?: string; ok?: boolean };
const rows: Row[] = [];

function restic(args: string[], password: string, onLine?: (line: string) => void): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(resticBin(), args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, RESTIC_PASSWORD: password, RESTIC_CACHE_DIR: path.join(BENCH_CACHE, "cache") },
    });
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => {
      if (!onLine) return;
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) onLine(line);
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`restic ${args[0]}: ${stderr}`)),
    );
  });
}

/** Bytes of the repository's index files and of its tree blobs (restic's own metadata about the snapshots). */
async function resticMetadataBytes(repository: string, password: string) {
  const ids: string[] = [];
  await restic(["-r", repository, "list", "index"], password, (line) => line.trim() && ids.push(line.trim()));
  let indexBytes = 0;
  let treeBytes = 0;
  for (const id of ids) {
    let json = "";
    await restic(["-r", repository, "cat", "index", id], password, (line) => (json += line));
    indexBytes += Buffer.byteLength(json);
    const parsed = JSON.parse(json) as { packs: { blobs: { type: string; length: number }[] }[] };
    for (const pack of parsed.packs) for (const blob of pack.blobs) if (blob.type === "tree") treeBytes += blob.length;
  }
  return { indexBytes, treeBytes };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main() {
  const fixture = await ensureIndexFixture((line) => console.log(line));
  const [first, second] = fixture.snapshotIds;

  // Baseline: restic ls --json alone, output read and split into lines like the app does.
  let lsLines = 0;
  const lsMs = await restic(
    ["-r", fixture.repository, "--no-lock", "ls", "--json", first],
    fixture.password,
    () => lsLines++,
  );
  console.log(`restic ls --json: ${lsLines} lines in ${(lsMs / 1000).toFixed(1)} s`);

  const app = await startApp({ LOG_LEVEL: "warn", DISABLE_RATE_LIMITING: "true" });
  try {
    const admin = await signUpAdmin(app.url);
    const json = async (url: string, init: RequestInit = {}) => {
      const response = await admin.raw(url, {
        ...init,
        headers: { "content-type": "application/json", ...(init.headers ?? {}) },
      });
      if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const importRepository = async (name: string, location: { repository: string; password: string }) => {
      const created = await json("/api/v1/repositories", {
        method: "POST",
        body: JSON.stringify({
          name,
          config: {
            type: "local",
            path: location.repository,
            isExistingRepository: true,
            customPassword: location.password,
          },
        }),
      });
      return `/api/v1/repositories/${created.repository.shortId}`;
    };
    const repo = await importRepository("bench", fixture);
    const files = (snapshot: string, folder: string, offset = 0) =>
      `${repo}/snapshots/${snapshot}/files?path=${encodeURIComponent(folder)}&offset=${offset}&limit=500`;

    const waitForIndex = async (snapshotId: string, repository = repo) => {
      let peak = app.rss();
      for (;;) {
        peak = Math.max(peak, app.rss());
        const status = await json(`${repository}/index`);
        const entry = status.snapshots.find((s: { id: string }) => s.id.startsWith(snapshotId));
        if (entry.status === "indexed") return { peak, bytes: status.indexBytes as number };
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    // Indexing one snapshot, timed by its task (start to finish), against restic ls alone just before and after.
    const baseRss = app.rss();
    const task = await json(`${repo}/index`, { method: "POST", body: JSON.stringify({ snapshotIds: [first] }) });
    const { peak, bytes: bytesOne } = await waitForIndex(first);
    const finished = await json(`/api/v1/tasks/${task.taskId}`);
    const indexMs = finished.finishedAt - finished.startedAt;
    const lsAfterMs = await restic(
      ["-r", fixture.repository, "--no-lock", "ls", "--json", first],
      fixture.password,
      () => {},
    );
    const lsMean = (lsMs + lsAfterMs) / 2;
    rows.push({
      what: "index 1 snapshot (1,010,000 files) vs restic ls --json (mean of one run before, one after)",
      value: `${(indexMs / 1000).toFixed(1)} s`,
      baseline: `${(lsMean / 1000).toFixed(1)} s (${(lsMs / 1000).toFixed(1)} / ${(lsAfterMs / 1000).toFixed(1)})`,
      ratio: (indexMs / lsMean).toFixed(2),
      target: "≤ 1.5",
      ok: indexMs / lsMean <= 1.5,
    });
    rows.push({
      what: "server RSS while indexing (peak)",
      value: `${(peak / MB).toFixed(0)} MB`,
      baseline: `${(baseRss / MB).toFixed(0)} MB before`,
      target: "< 400 MB",
      ok: peak < 400 * MB,
    });

    // First browse of a snapshot without an index: restic lists the folder (the peers' way) and indexing starts.
    let started = performance.now();
    const fallback = await json(files(second, "/tree/big"));
    rows.push({
      what: "first browse of /tree/big before its snapshot is indexed (restic ls)",
      value: ms(performance.now() - started),
    });
    if (fallback.indexed !== false) throw new Error("expected the first browse to come from restic");
    await waitForIndex(second);
    started = performance.now();
    const indexed = await json(files(first, "/tree/big"));
    rows.push({ what: "the same page from the index (first request)", value: ms(performance.now() - started) });
    if (indexed.indexed !== true) throw new Error("expected the page from the index");

    const timed = async (count: number, url: (i: number) => string) => {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        await json(url(i));
        times.push(performance.now() - t0);
      }
      return { p50: percentile(times, 50), p99: percentile(times, 99) };
    };
    for (const [label, url] of [
      ["page of 500 in the 10,000-entry folder", (i: number) => files(first, "/tree/big", (i * 500) % 10_000)],
      ["the root folder", () => files(first, "/")],
      ["a 1,000-entry folder sorted by size", () => `${files(first, "/tree/d07")}&sort=size&order=desc`],
    ] as const) {
      const { p50, p99 } = await timed(REQUESTS, url);
      rows.push({
        what: `${label}: p50 / p99 (${REQUESTS} requests)`,
        value: `${ms(p50)} / ${ms(p99)}`,
        target: "≤ 50 / ≤ 200 ms",
        ok: p50 <= 50 && p99 <= 200,
      });
    }

    // The other eight snapshots.
    started = performance.now();
    await json(`${repo}/index`, { method: "POST" });
    for (const id of fixture.snapshotIds) await waitForIndex(id);
    const restMs = performance.now() - started;
    const { bytes: bytesTen } = await waitForIndex(first);
    rows.push({
      what: "index the 8 other snapshots (1 % of folders changed each)",
      value: `${(restMs / 1000).toFixed(1)} s`,
    });

    const search = await timed(20, (i) => `${repo}/search?q=${i % 2 ? NEEDLE : "item-4242"}&limit=100`);
    const hits = await json(`${repo}/search?q=${NEEDLE}&limit=100`);
    rows.push({
      what: `search a name across 10 snapshots: p50 (${hits.total} hits for "${NEEDLE}")`,
      value: ms(search.p50),
      target: "≤ 500 ms",
      ok: search.p50 <= 500,
    });

    const diffTimes: number[] = [];
    let diff: { summary: { changed: number; added: number } } | undefined;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      diff = await json(`${repo}/snapshots/${first}/diff/${second}?depth=${i % 2 ? 1 : ""}`.replace(/\?depth=$/, ""));
      diffTimes.push(performance.now() - t0);
    }
    rows.push({
      what: `diff of two snapshots, 1 % of folders changed (${diff!.summary.changed} files changed): worst of 5`,
      value: ms(Math.max(...diffTimes)),
      target: "≤ 1000 ms",
      ok: Math.max(...diffTimes) <= 1000,
    });

    const history = await timed(20, () => `${repo}/history?path=${encodeURIComponent("/tree/d00/e007/f01.txt")}`);
    rows.push({ what: "history of a file across 10 snapshots: p50", value: ms(history.p50) });

    const metadata = await resticMetadataBytes(fixture.repository, fixture.password);
    const restMeta = metadata.indexBytes + metadata.treeBytes;
    rows.push({
      what: "index bytes, 1 snapshot",
      value: `${(bytesOne / MB).toFixed(1)} MB`,
      baseline: `${(restMeta / MB).toFixed(1)} MB restic index + trees (10 snapshots)`,
    });
    rows.push({
      what: "index bytes, 10 snapshots (1 % of folders, so all 50 folders of 1,000 entries, changed each time)",
      value: `${(bytesTen / MB).toFixed(1)} MB`,
      baseline: `${(bytesOne / MB).toFixed(1)} MB for 1`,
      ratio: (bytesTen / bytesOne).toFixed(2),
    });

    // The dedup target: ten snapshots of a 100,000-file tree, one file changed between each.
    const dedup = await ensureDedupFixture((line) => console.log(line));
    const dedupRepo = await importRepository("dedup", dedup);
    await json(`${dedupRepo}/snapshots/${dedup.snapshotIds[0]}/files?path=/`);
    const { bytes: dedupOne } = await waitForIndex(dedup.snapshotIds[0], dedupRepo);
    await json(`${dedupRepo}/index`, { method: "POST" });
    for (const id of dedup.snapshotIds) await waitForIndex(id, dedupRepo);
    const { bytes: dedupTen } = await waitForIndex(dedup.snapshotIds[0], dedupRepo);
    rows.push({
      what: "dedup: index bytes, 10 snapshots of 100,000 files with one file changed between each",
      value: `${(dedupTen / MB).toFixed(2)} MB`,
      baseline: `${(dedupOne / MB).toFixed(2)} MB for 1`,
      ratio: (dedupTen / dedupOne).toFixed(3),
      target: "≤ 1.2",
      ok: dedupTen / dedupOne <= 1.2,
    });
    rows.push({
      what: "index bytes (10) vs restic metadata",
      value: `${(bytesTen / MB).toFixed(1)} MB`,
      baseline: `${(metadata.indexBytes / MB).toFixed(1)} MB index + ${(metadata.treeBytes / MB).toFixed(1)} MB trees`,
      ratio: (bytesTen / restMeta).toFixed(2),
    });
  } finally {
    await app.stop();
  }

  console.log("\nSnapshot index benchmark");
  for (const row of rows) {
    const verdict = row.ok === undefined ? "" : row.ok ? "  PASS" : "  FAIL";
    const baseline = row.baseline
      ? `  (baseline ${row.baseline}${row.ratio ? `, ratio ${row.ratio}` : ""})`
      : row.ratio
        ? `  (ratio ${row.ratio})`
        : "";
    console.log(`- ${row.what}: ${row.value}${baseline}${row.target ? `  target ${row.target}` : ""}${verdict}`);
  }
  if (rows.some((row) => row.ok === false)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
