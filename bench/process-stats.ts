// Memory and CPU time of a server process under a benchmark, read from /proc (Linux only; clock ticks of 1/100 s).
import { readFile } from "node:fs/promises";

export async function rssOf(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): Promise<number | null> {
  return readFile(`/proc/${pid}/status`, "utf8")
    .then((status) => {
      const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
      return match ? Number(match[1]) * 1024 : null;
    })
    .catch(() => null);
}

/** Peak RSS of a process while `work` runs, sampled every 100 ms. */
export async function withPeakRss<T>(
  pid: number | null,
  work: () => Promise<T>,
): Promise<{ result: T; peak: number | null }> {
  if (pid === null) return { result: await work(), peak: null };
  let peak = (await rssOf(pid)) ?? 0;
  const timer = setInterval(async () => {
    peak = Math.max(peak, (await rssOf(pid)) ?? 0);
  }, 100);
  try {
    const result = await work();
    peak = Math.max(peak, (await rssOf(pid)) ?? 0);
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

export function mebibytes(bytes: number | null): string {
  return bytes === null ? "?" : `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

export type CpuTime = { user: number; system: number };

/** CPU time (user and system, all threads) a process has used so far, in seconds. */
export async function cpuTimeOf(pid: number): Promise<CpuTime | null> {
  return readFile(`/proc/${pid}/stat`, "utf8")
    .then((stat) => {
      // Fields after the command name, which is in parentheses and may contain spaces.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
    })
    .catch(() => null);
}

/** In MB (10^6 bytes), the unit the API targets are stated in. */
export function megabytes(bytes: number | null): string {
  return bytes === null ? "?" : `${(bytes / 1e6).toFixed(0)} MB`;
}

/**
 * CPU time the hypervisor gave to other guests while this machine wanted it ("steal" in /proc/stat), as a share of
 * all the machine's CPU time since `since()` was called. On a shared host it comes in bursts (0–15 % of a 10 s
 * window was seen here), and a case measured in one is slowed by it: the benchmarks print it beside their figures.
 */
export async function stealClock(): Promise<() => Promise<number | null>> {
  const read = async () => {
    const line = (await readFile("/proc/stat", "utf8").catch(() => "")).split("\n")[0];
    const ticks = line.startsWith("cpu ") ? line.trim().split(/\s+/).slice(1).map(Number) : [];
    // user nice system idle iowait irq softirq steal …: everything up to steal is the machine's time.
    return ticks.length >= 8 ? { steal: ticks[7], total: ticks.slice(0, 8).reduce((a, b) => a + b, 0) } : null;
  };
  const start = await read();
  return async () => {
    const end = await read();
    if (!start || !end || end.total === start.total) return null;
    return (end.steal - start.steal) / (end.total - start.total);
  };
}

export function percent(share: number | null): string {
  return share === null ? "?" : `${(share * 100).toFixed(0)} %`;
}
