// Traffic counters of the REST server, read later by the Prometheus endpoint. On globalThis so every Next
// bundle that imports this module counts into the same numbers (stack-notes pitfall 3).
export type RestServerCounters = { bytesIn: number; bytesOut: number; requestsByStatus: Record<number, number> };

const holder = globalThis as unknown as { __zerobyteRestCounters?: RestServerCounters };
holder.__zerobyteRestCounters ??= { bytesIn: 0, bytesOut: 0, requestsByStatus: {} };
const counters = holder.__zerobyteRestCounters;

export function countRequest(status: number): void {
  counters.requestsByStatus[status] = (counters.requestsByStatus[status] ?? 0) + 1;
}

export function countBytesIn(bytes: number): void {
  counters.bytesIn += bytes;
}

export function countBytesOut(bytes: number): void {
  counters.bytesOut += bytes;
}

/** A copy of the counters since the process started. */
export function restServerCounters(): RestServerCounters {
  return { ...counters, requestsByStatus: { ...counters.requestsByStatus } };
}
