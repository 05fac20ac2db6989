import { constants, PerformanceObserver } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { bodyBytesDone } from "./body-garbage";

async function minorCollectionsDuring(work: () => void): Promise<number> {
  let minor = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minor++;
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  work();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return minor;
}

describe("bodyBytesDone", () => {
  it("collects the young generation once 4 MiB of body chunks are done", async () => {
    expect(await minorCollectionsDuring(() => bodyBytesDone(4 * 1024 * 1024))).toBeGreaterThanOrEqual(1);
  });

  it("leaves the app's own global without gc", () => {
    expect("gc" in globalThis).toBe(false);
  });
});
