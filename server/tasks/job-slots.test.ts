import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetConfig } from "@/server/config";
import { acquireJobSlot, jobSlotUsage } from "./job-slots";

const never = new AbortController().signal;

describe("job slots", () => {
  beforeEach(() => {
    process.env.MAX_CONCURRENT_JOBS = "2";
    resetConfig();
  });
  afterEach(() => {
    delete process.env.MAX_CONCURRENT_JOBS;
    resetConfig();
  });

  it("grants MAX_CONCURRENT_JOBS slots, then queues in arrival order", async () => {
    const first = await acquireJobSlot(never);
    const second = await acquireJobSlot(never);
    const order: string[] = [];
    const queue = (name: string) =>
      acquireJobSlot(never).then((release) => {
        order.push(name);
        return release;
      });
    const third = queue("third");
    const fourth = queue("fourth");
    expect(jobSlotUsage()).toEqual({ inUse: 2, waiting: 2 });

    first();
    first(); // a second release of the same slot changes nothing
    const releaseThird = await third;
    expect(order).toEqual(["third"]);
    expect(jobSlotUsage()).toEqual({ inUse: 2, waiting: 1 });

    second();
    const releaseFourth = await fourth;
    expect(order).toEqual(["third", "fourth"]);
    releaseThird();
    releaseFourth();
    expect(jobSlotUsage()).toEqual({ inUse: 0, waiting: 0 });
  });

  it("does not let a newcomer overtake a waiter when a slot frees up", async () => {
    const held = [await acquireJobSlot(never), await acquireJobSlot(never)];
    const waiting = acquireJobSlot(never);
    held[0]();
    const newcomer = acquireJobSlot(never);
    const granted = await waiting;
    expect(jobSlotUsage()).toEqual({ inUse: 2, waiting: 1 });
    granted();
    (await newcomer)();
    held[1]();
    expect(jobSlotUsage()).toEqual({ inUse: 0, waiting: 0 });
  });

  it("leaves the queue when aborted while waiting", async () => {
    const held = [await acquireJobSlot(never), await acquireJobSlot(never)];
    const controller = new AbortController();
    const waiting = acquireJobSlot(controller.signal);
    controller.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
    expect(jobSlotUsage()).toEqual({ inUse: 2, waiting: 0 });
    await expect(acquireJobSlot(controller.signal)).rejects.toThrow("cancelled");
    for (const release of held) release();
  });
});
