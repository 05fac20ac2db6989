import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { throttleProgress } from "./progress-throttle";

describe("throttleProgress", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes the first value at once, then the latest value at most once per interval", async () => {
    const written: number[] = [];
    const throttle = throttleProgress(
      async (value: number) => void written.push(value),
      500,
      () => {},
    );
    for (let value = 1; value <= 100; value++) throttle.push(value);
    await vi.advanceTimersByTimeAsync(0);
    expect(written).toEqual([1]);

    await vi.advanceTimersByTimeAsync(500);
    expect(written).toEqual([1, 100]);

    await vi.advanceTimersByTimeAsync(2000); // nothing new: no write
    expect(written).toEqual([1, 100]);

    throttle.push(101); // the interval has passed: written at once
    await vi.advanceTimersByTimeAsync(0);
    expect(written).toEqual([1, 100, 101]);
  });

  it("stop drops the pending write and waits for the one in flight", async () => {
    let finishWrite = () => {};
    const written: number[] = [];
    const throttle = throttleProgress(
      (value: number) =>
        new Promise<void>((resolve) => {
          finishWrite = () => {
            written.push(value);
            resolve();
          };
        }),
      500,
      () => {},
    );
    throttle.push(1);
    throttle.push(2);
    let stopped = false;
    const stopping = throttle.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finishWrite();
    await stopping;
    await vi.advanceTimersByTimeAsync(1000);
    expect(written).toEqual([1]);
    throttle.push(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(written).toEqual([1]);
  });

  it("reports a failed write and keeps going", async () => {
    const errors: unknown[] = [];
    const throttle = throttleProgress(
      async (value: number) => {
        if (value === 1) throw new Error("disk full");
      },
      500,
      (error) => errors.push(error),
    );
    throttle.push(1);
    await vi.advanceTimersByTimeAsync(600);
    throttle.push(2);
    await throttle.stop();
    expect(errors).toHaveLength(1);
  });
});
