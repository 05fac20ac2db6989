// Benchmark (SPEC §10): the API under 100 concurrent clients. On one built app, side by side in one run:
// `GET /api/healthcheck` (the bare request), then `GET /api/v1/repositories` (3 repositories) with an API key and
// with a session cookie. Prints requests/s, p50/p99 latency, errors and timeouts per case, the ratios the targets
// name (list ≥ 0.7 × healthcheck requests/s, p99 ≤ 3 × p50) and the server's idle and peak RSS.
//
// Each case is one run of 100 connections: the warm-up opens them, and the figures are taken from the responses
// that complete after it and after every connection has answered once (the steady state the targets describe). The
// first request on each new connection is left out of p50/p99 because Node (libuv) accepts one connection per
// event-loop iteration (strace of a bare node:http server: one accept4 per iteration, never EAGAIN), so a burst of 100
// new ones is accepted over 100 iterations. The server keeps those short by handing the app a few requests per
// iteration (scripts/request-turns.mjs): the burst is answered within about a second, where iterations that ran every
// waiting request made it 5–15 s. That figure is printed beside the steady one ("p99 with connects").
//
//   npm run bench:api     (`npm run build` first)
// Knobs: BENCH_CONNECTIONS (default 100), BENCH_SECONDS (default 10 per case), BENCH_WARMUP_SECONDS (default 3),
// BENCH_ROUNDS (default 1; on a busy machine several rounds in rotated order, and the median of each figure, keep a
// neighbour's burst from landing on one case only), BENCH_MAX_STEAL (default 0.05) and BENCH_STEAL_RETRIES (default 2):
// a case during which the host took more than that share of the machine's CPU ("steal", bursts of up to 15 % were
// seen here and slowed one case by a third) is measured again, up to that many times, and the calmest run is kept.
// The server's CPU time per request is printed too: it depends less on what else the machine is doing.
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { ADMIN, signUpAdmin } from "@/test/api-session";
import { startApp } from "@/test/app-server";
import { type CpuTime, cpuTimeOf, megabytes, percent, rssOf, stealClock, withPeakRss } from "./process-stats";
import { median, percentile } from "./stats";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
const maxSteal = Number(process.env.BENCH_MAX_STEAL ?? 0.05);
const stealRetries = Number(process.env.BENCH_STEAL_RETRIES ?? 2);

type Case = { label: string; path: string; headers: Record<string, string> };
type Outcome = {
  requests: number;
  p50: number;
  p99: number;
  /** p99 over the whole run, the first request of each new connection included. */
  p99WithConnects: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  peak: number | null;
  /** Server CPU time (user + system) per answered request, in ms. */
  cpuMs: number;
  /** The share of the machine's CPU time the host took during the measured window. */
  steal: number | null;
};

function medianOf(list: Outcome[]): Outcome {
  const sum = (pick: (o: Outcome) => number) => list.reduce((total, o) => total + pick(o), 0);
  return {
    requests: median(list.map((o) => o.requests)),
    p50: median(list.map((o) => o.p50)),
    p99: median(list.map((o) => o.p99)),
    p99WithConnects: median(list.map((o) => o.p99WithConnects)),
    errors: sum((o) => o.errors),
    timeouts: sum((o) => o.timeouts),
    non2xx: sum((o) => o.non2xx),
    peak: Math.max(...list.map((o) => o.peak ?? 0)),
    cpuMs: median(list.map((o) => o.cpuMs)),
    steal: Math.max(...list.map((o) => o.steal ?? 0)),
  };
}

/**
 * The measured responses: those completed once the warm-up has passed and every connection has answered once (a
 * fixed warm-up alone still caught the tail of the connection burst when it was short).
 */
type Window = {
  openedAt: number | null;
  latencies: number[];
  non2xx: number;
  cpuBefore: Promise<CpuTime | null> | null;
  steal: Promise<() => Promise<number | null>> | null;
};

async function measure(url: string, pid: number, target: Case): Promise<Outcome> {
  const started = performance.now();
  const window: Window = { openedAt: null, latencies: [], non2xx: 0, cpuBefore: null, steal: null };
  const all: number[] = [];
  const answeredOnce = new Set<unknown>();
  const { result, peak } = await withPeakRss(
    pid,
    () =>
      new Promise<autocannon.Result>((resolve, reject) => {
        const options = { url: url + target.path, headers: target.headers, connections, duration: warmup + duration };
        const run = autocannon({ ...options, timeout: 10 }, (error, result) =>
          error ? reject(error) : resolve(result),
        );
        run.on("response", (client, status, _bytes, latency) => {
          all.push(latency);
          answeredOnce.add(client);
          if (window.openedAt === null) {
            if (performance.now() - started < warmup * 1000 || answeredOnce.size < connections) return;
            window.openedAt = performance.now();
            window.cpuBefore = cpuTimeOf(pid);
            window.steal = stealClock();
          }
          window.latencies.push(latency);
          if (status < 200 || status > 299) window.non2xx++;
        });
      }),
  );
  const cpuAfter = await cpuTimeOf(pid);
  const steal = window.steal ? await (await window.steal)() : null;
  if (window.openedAt === null)
    throw new Error(`${target.label}: not every connection answered within the run; raise BENCH_SECONDS`);
  const windowSeconds = (performance.now() - window.openedAt) / 1000;
  const cpuBefore = await window.cpuBefore;
  const cpuSeconds =
    cpuBefore && cpuAfter ? cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system : Number.NaN;
  const answered = Math.max(window.latencies.length, 1);
  return {
    requests: window.latencies.length / windowSeconds,
    p50: Math.round(percentile(window.latencies, 50)),
    p99: Math.round(percentile(window.latencies, 99)),
    p99WithConnects: Math.round(percentile(all, 99)),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: window.non2xx,
    peak,
    cpuMs: (cpuSeconds * 1000) / answered,
    steal,
  };
}

/** One case, measured again while the host takes more than maxSteal of the CPU; the calmest run is kept. */
async function calmestOf(url: string, pid: number, target: Case): Promise<Outcome> {
  let kept = await measure(url, pid, target);
  for (let retry = 0; retry < stealRetries && (kept.steal ?? 0) > maxSteal; retry++) {
    console.log(`  ${target.label}: the host took ${percent(kept.steal)} of the CPU, measuring again`);
    const again = await measure(url, pid, target);
    if ((again.steal ?? 0) < (kept.steal ?? 0)) kept = again;
  }
  return kept;
}

async function main(): Promise<void> {
  const storage = await mkdtemp(path.join(tmpdir(), "zerobyte-bench-api-"));
  // The per-IP rate limit would turn most of this load into 429s; it is measured on its own elsewhere.
  const app = await startApp({ DISABLE_RATE_LIMITING: "true" });
  try {
    const admin = await signUpAdmin(app.url);
    for (const name of ["alpha", "beta", "gamma"]) {
      const { response } = await admin.client.POST("/api/v1/repositories", {
        body: { name, compressionMode: "auto", config: { type: "local", path: storage } } as never,
      });
      if (response.status !== 201) throw new Error(`could not create repository ${name} (${response.status})`);
    }
    const { data: key } = await admin.client.POST("/api/v1/auth/api-keys", {
      body: { name: "bench", password: ADMIN.password },
    });
    if (!key) throw new Error("could not create an API key");

    const cases: Case[] = [
      { label: "healthcheck", path: "/api/healthcheck", headers: {} },
      { label: "repositories, API key", path: "/api/v1/repositories", headers: { "x-api-key": key.key } },
      { label: "repositories, cookie", path: "/api/v1/repositories", headers: { cookie: admin.cookieHeader() } },
    ];
    for (const target of cases) {
      const response = await fetch(app.url + target.path, { headers: target.headers });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${target.label}: ${response.status} ${body}`);
      if (target.path === "/api/v1/repositories" && JSON.parse(body).length !== 3)
        throw new Error(`${target.label}: expected 3 repositories, got ${body}`);
    }

    // Idle RSS after the first requests have loaded the routes, as a server sits between uses.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idle = await rssOf(app.pid());
    console.log(
      `${connections} connections, ${duration} s per case (after ${warmup} s warm-up), idle RSS ${megabytes(idle)}, ` +
        `load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(" ")}`,
    );

    const runs = new Map<string, Outcome[]>(cases.map((target) => [target.label, []]));
    for (let round = 0; round < rounds; round++) {
      for (const target of cases.map((_, i) => cases[(i + round) % cases.length])) {
        runs.get(target.label)!.push(await calmestOf(app.url, app.pid(), target));
      }
      if (rounds > 1) {
        const line = cases.map((t) => `${t.label} ${Math.round(runs.get(t.label)![round].requests)} req/s`);
        console.log(`round ${round + 1}: ${line.join(", ")}`);
      }
    }
    const outcomes = new Map<string, Outcome>([...runs].map(([label, list]) => [label, medianOf(list)]));
    const health = outcomes.get("healthcheck")!;
    const table: Record<string, Record<string, string | number>> = {};
    for (const [label, o] of outcomes) {
      table[label] = {
        "req/s": Math.round(o.requests),
        "× health": (o.requests / health.requests).toFixed(2),
        "p50 ms": o.p50,
        "p99 ms": o.p99,
        "p99/p50": (o.p99 / Math.max(o.p50, 1)).toFixed(1),
        "p99 with connects": o.p99WithConnects,
        errors: o.errors,
        timeouts: o.timeouts,
        non2xx: o.non2xx,
        "CPU ms/req": o.cpuMs.toFixed(2),
        "peak RSS": megabytes(o.peak),
        "host steal": percent(o.steal),
      };
    }
    if (rounds > 1) console.log(`median of ${rounds} rounds (errors and timeouts: the sum; host steal: the most):`);
    console.table(table);
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} (${availableParallelism()} cores)`,
    );
    const peak = Math.max(...[...outcomes.values()].map((o) => o.peak ?? 0));
    console.log(`server RSS: idle ${megabytes(idle)} (target ≤ 150 MB), peak under load ${megabytes(peak)} (≤ 250 MB)`);

    const lists = [...outcomes].filter(([label]) => label !== "healthcheck").map(([, o]) => o);
    const met =
      lists.every((o) => o.requests >= 0.7 * health.requests && o.p99 <= 3 * Math.max(o.p50, 1)) &&
      [...outcomes.values()].every((o) => o.errors === 0 && o.timeouts === 0 && o.non2xx === 0) &&
      peak <= 250e6 &&
      (idle ?? 0) <= 150e6;
    const steal = Math.max(...[...outcomes.values()].map((o) => o.steal ?? 0));
    const disturbed =
      steal > maxSteal ? ` (the host took up to ${percent(steal)} of the CPU: a busy host, not comparable)` : "";
    console.log(`targets met: ${met ? "yes" : "NO"}${disturbed}`);
  } finally {
    await app.stop();
    await rm(storage, { recursive: true, force: true });
    await rm(app.dataDir, { recursive: true, force: true });
  }
}

await main();
