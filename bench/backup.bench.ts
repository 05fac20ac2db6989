// Benchmark (SPEC §10): a backup of ~1 GiB run by the app (run now → task success, timed from the API client)
// next to the same `restic backup` command run by hand into a fresh local repository, in one run. Prints both wall
// times, the ratio (target ≤ 1.05), the server's RSS before and at its peak during the app's backups, and how much of
// the CPU the host took during each run (steal, see process-stats.ts).
//
//   npm run bench:backup        (after `npm run build`; run it under `flock /tmp/zerobyte-bench.lock`)
// Knobs: BENCH_DIR (work folder, default under the OS temp dir), BENCH_SIZE_MIB (default 1024), BENCH_ROUNDS
// (default 5, best of, alternating order), BENCH_KEEP=1 (keep the work folder), RESTIC_BIN (default: .tools
// restic 0.18, else `restic` on PATH).
import { spawn } from "node:child_process";
import { createCipheriv, createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { ADMIN, signUpAdmin } from "@/test/api-session";
import { startApp } from "@/test/app-server";
import { benchFolder, flushDirtyPages } from "./disk";
import { mebibytes, percent, rssOf, stealClock, withPeakRss } from "./process-stats";

const root = path.resolve(import.meta.dirname, "..");
const MiB = 1024 * 1024;
const bundled = path.join(root, ".tools/restic-0.18/usr/bin/restic");
const resticBin = process.env.RESTIC_BIN ?? (existsSync(bundled) ? bundled : "restic");

/** Deterministic incompressible bytes (AES-CTR of zeros), fast enough for a GiB. */
function pseudoRandom(label: string, size: number): Buffer {
  const key = createHash("sha256").update(label).digest();
  return createCipheriv("aes-256-ctr", key, Buffer.alloc(16)).update(Buffer.alloc(size));
}

/**
 * A home-folder-like tree: a source checkout (thousands of small, compressible files), documents of a few hundred
 * KiB, and photos/videos of several MiB up to 64 MiB filling the rest.
 */
async function writeTree(folder: string, totalMiB: number): Promise<{ files: number; bytes: number }> {
  const budget = totalMiB * MiB;
  const totals = { files: 0, bytes: 0 };
  const put = async (relative: string, content: Buffer) => {
    const file = path.join(folder, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    totals.files++;
    totals.bytes += content.length;
  };
  for (let n = 0; totals.bytes < budget * 0.08; n++) {
    const line = `export const value${n} = ${n}; // module ${n % 97}\n`;
    await put(`src/pkg-${n % 25}/mod-${n % 7}/file-${n}.ts`, Buffer.from(line.repeat(20 + (n % 200))));
  }
  for (let n = 0; totals.bytes < budget * 0.25; n++) {
    await put(`documents/${2020 + (n % 6)}/doc-${n}.pdf`, pseudoRandom(`doc-${n}`, (64 + ((n * 37) % 448)) * 1024));
  }
  for (let n = 0; totals.bytes < budget; n++) {
    const size = Math.min((2 + ((n * 13) % 63)) * MiB, budget - totals.bytes);
    await put(`media/album-${n % 12}/clip-${n}.mp4`, pseudoRandom(`media-${n}`, size));
  }
  return totals;
}

/** Runs restic as a user would from a shell (output discarded); resolves with the wall time in seconds. */
function resticByHand(args: string[], env: Record<string, string>): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(resticBin, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 || code === 3
        ? resolve((performance.now() - started) / 1000)
        : reject(new Error(`restic ${args[0]} exited with ${code}: ${stderr}`)),
    );
  });
}

/** Reads a task's event stream until its final state (the stream ends after it), so no polling delay is timed. */
async function finalState(stream: Response): Promise<{ status: string; error: string | null }> {
  const decoder = new TextDecoder();
  let text = "";
  let last: { status: string; error: string | null } | undefined;
  const reader = stream.body!.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    text += decoder.decode(chunk.value, { stream: true });
    for (let end = text.indexOf("\n\n"); end >= 0; end = text.indexOf("\n\n")) {
      const frame = text.slice(0, end);
      text = text.slice(end + 2);
      const data = frame.split("\n").find((line) => line.startsWith("data: "));
      if (frame.startsWith("event: task:changed") && data) last = JSON.parse(data.slice(6));
    }
    if (last && last.status !== "queued" && last.status !== "running") {
      await reader.cancel();
      return last;
    }
  }
  throw new Error(`the task stream ended at ${last?.status ?? "nothing"}`);
}

async function main(): Promise<void> {
  const work = await benchFolder("zerobyte-backup-bench-");
  const dataset = path.join(work, "dataset");
  const sizeMiB = Number(process.env.BENCH_SIZE_MIB ?? 1024);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  process.stdout.write(`generating ${sizeMiB} MiB in ${dataset} … `);
  const tree = await writeTree(dataset, sizeMiB);
  console.log(`${tree.files} files, ${(tree.bytes / MiB).toFixed(0)} MiB; restic ${resticBin}`);

  const app = await startApp({ RESTIC_BIN: resticBin, LOG_LEVEL: "warn", DATA_DIR: path.join(work, "app") });
  try {
    const admin = await signUpAdmin(app.url);
    const keyResponse = await admin.raw("/api/v1/system/restic-password", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ password: ADMIN.password }),
    });
    const password = await keyResponse.text();
    const volume = await admin.client.POST("/api/v1/volumes", {
      body: { name: "bench", config: { type: "directory", path: dataset } } as never,
    });
    const createRepository = async (name: string) => {
      const { data } = await admin.client.POST("/api/v1/repositories", {
        body: { name, config: { type: "local", path: path.join(work, "app-repositories") } } as never,
      });
      return data!.repository;
    };
    const first = await createRepository("bench-0");
    const { data: schedule } = await admin.client.POST("/api/v1/backups", {
      body: { name: "bench", volumeId: volume.data!.id, repositoryId: first.id, enabled: false, cronExpression: "" },
    });
    const shortId = schedule!.shortId;

    let peakRss = 0;
    const baselineRss = await rssOf(app.pid());
    const byApp = async (round: number): Promise<number> => {
      const repository = round === 0 ? first : await createRepository(`bench-${round}`);
      await admin.client.PATCH("/api/v1/backups/{shortId}", {
        params: { path: { shortId } },
        body: { repositoryId: repository.id },
      });
      const started = performance.now();
      const measured = await withPeakRss(app.pid(), async () => {
        const { data } = await admin.client.POST("/api/v1/backups/{shortId}/run", { params: { path: { shortId } } });
        const final = await finalState(await admin.raw(`/api/v1/tasks/${data!.taskId}/events`));
        if (final.status !== "success") throw new Error(`backup ${final.status}: ${final.error}`);
        return (performance.now() - started) / 1000;
      });
      peakRss = Math.max(peakRss, measured.peak ?? 0);
      return measured.result;
    };
    // The command the app runs (server/restic/backup.ts), with its environment, into a fresh repository.
    const byHand = async (round: number): Promise<number> => {
      const env = {
        RESTIC_REPOSITORY: path.join(work, `by-hand-${round}`),
        RESTIC_PASSWORD: password,
        RESTIC_CACHE_DIR: path.join(work, `by-hand-cache-${round}`),
        RESTIC_PROGRESS_FPS: "1",
      };
      await resticByHand(["init"], env);
      const own = path.join(work, "app");
      return resticByHand(
        [
          "backup",
          "--json",
          "--compression",
          "auto",
          "--host",
          "zerobyte",
          "--tag",
          shortId,
          ...["restic-cache", "repositories", "rest"].flatMap((folder) => ["--exclude", path.join(own, folder)]),
          "--",
          dataset,
        ],
        env,
      );
    };

    const appTimes: number[] = [];
    const handTimes: number[] = [];
    const steal = { app: "", hand: "" };
    for (let round = 0; round < rounds; round++) {
      // Alternating order: whichever goes first meets colder page caches.
      const app = async () => {
        await flushDirtyPages();
        const stolen = await stealClock();
        appTimes.push(await byApp(round));
        steal.app = percent(await stolen());
      };
      const hand = async () => {
        await flushDirtyPages();
        const stolen = await stealClock();
        handTimes.push(await byHand(round));
        steal.hand = percent(await stolen());
      };
      if (round % 2 === 0) {
        await app();
        await hand();
      } else {
        await hand();
        await app();
      }
      console.log(
        `round ${round + 1}: app ${appTimes.at(-1)!.toFixed(2)} s (host steal ${steal.app}), ` +
          `by hand ${handTimes.at(-1)!.toFixed(2)} s (host steal ${steal.hand})`,
      );
    }
    const bestApp = Math.min(...appTimes);
    const bestHand = Math.min(...handTimes);
    const ratio = bestApp / bestHand;
    console.log(`best of ${rounds}: app ${bestApp.toFixed(2)} s, by hand ${bestHand.toFixed(2)} s`);
    // Each round's two runs sit side by side in time, so their ratio is less exposed to a neighbour's load burst.
    const pairs = appTimes.map((time, index) => time / handTimes[index]).sort((a, b) => a - b);
    const median = pairs[Math.floor(pairs.length / 2)];
    console.log(`ratio app / by hand: best ${ratio.toFixed(3)}, median of rounds ${median.toFixed(3)} (target ≤ 1.05)`);
    console.log(
      `target met: ${Math.min(ratio, median) <= 1.05 ? "yes" : "NO"}; load average ${loadavg()[0].toFixed(1)}`,
    );
    console.log(`server RSS: ${mebibytes(baselineRss)} before, ${mebibytes(peakRss)} peak during the app's backups`);
  } finally {
    await app.stop();
    if (!process.env.BENCH_KEEP) await rm(work, { recursive: true, force: true });
  }
}

await main();
