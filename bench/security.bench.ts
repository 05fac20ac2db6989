// Benchmark of the credential and body hardening (issue 7, findings 5 and 6), against the built app:
// 1. healthcheck latency while 40 concurrent bad REST Basic-auth requests run (each from its own address, for an
//    unknown user, so none is stopped early by the limiter and every one costs a bcrypt at cost 12), against the idle
//    latency measured in the same run. Target: < 200 ms (before: 12-14 s, bcrypt on the event loop).
// 2. server RSS before and after an unauthenticated 600 MB body to /api/auth (declared, then chunked). Target: no
//    growth (before: 131 MB → 1.32 GB).
//
//   npm run build && flock /tmp/zerobyte-bench.lock npm run bench:security
import { startApp } from "@/test/app-server";
import { floodBody } from "@/test/fixtures/body-flood";
import { basicAuth } from "@/test/fixtures/raw-http";
import { percentile } from "./stats";

const MiB = 1024 * 1024;
const app = await startApp({ TRUST_PROXY: "1" });

async function healthcheckMs(): Promise<number> {
  const started = performance.now();
  await fetch(`${app.url}/api/healthcheck`);
  return performance.now() - started;
}

async function latencyUnderBadBasicAuth() {
  const idle: number[] = [];
  for (let i = 0; i < 20; i++) idle.push(await healthcheckMs());
  let running = true;
  const started = performance.now();
  const attack = Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      fetch(`${app.url}/rest/laptop/home/config`, {
        headers: { authorization: basicAuth(`nobody-${i}`, "wrong"), "x-forwarded-for": `192.0.2.${i + 1}` },
      }).then((response) => response.status),
    ),
  ).finally(() => {
    running = false;
  });
  const busy: number[] = [];
  while (running) {
    busy.push(await healthcheckMs());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const statuses = await attack;
  return { idle, busy, attackMs: performance.now() - started, refused: statuses.filter((s) => s === 401).length };
}

const flood = (target: string, megabytes: number, headers: Record<string, string | number>) =>
  floodBody(app.url, target, megabytes, headers);

try {
  const latency = await latencyUnderBadBasicAuth();
  const idleP50 = percentile(latency.idle, 50);
  const busyMax = Math.max(...latency.busy);
  console.log("healthcheck while 40 concurrent bad Basic-auth requests run (bcrypt cost 12, off the event loop)");
  console.log(`  idle:  p50 ${idleP50.toFixed(1)} ms, max ${Math.max(...latency.idle).toFixed(1)} ms`);
  console.log(
    `  under attack (${(latency.attackMs / 1000).toFixed(1)} s, ${latency.refused}/40 answered 401): ` +
      `p50 ${percentile(latency.busy, 50).toFixed(1)} ms, p95 ${percentile(latency.busy, 95).toFixed(1)} ms, ` +
      `max ${busyMax.toFixed(1)} ms over ${latency.busy.length} checks (max ${(busyMax / idleP50).toFixed(1)} × idle p50; target: max < 200 ms)`,
  );

  const before = app.rss();
  const declared = await flood("/api/auth/callback/credentials", 600, {
    "content-type": "application/x-www-form-urlencoded",
    "content-length": 600 * MiB,
  });
  const chunked = await flood("/api/auth/sign-in/email", 600, {
    "content-type": "application/json",
    "transfer-encoding": "chunked",
  });
  const after = app.rss();
  // 0: the server answered and hung up while the client was still sending (the answer was lost to the reset).
  console.log("600 MB unauthenticated bodies to /api/auth (declared → %d, chunked → %d)", declared, chunked);
  console.log(
    `  server RSS ${(before / MiB).toFixed(0)} MiB before, ${(after / MiB).toFixed(0)} MiB after ` +
      `(${((after - before) / MiB).toFixed(1)} MiB; ratio ${(after / before).toFixed(2)}; target: no growth)`,
  );
} finally {
  await app.stop();
}
