import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { takingTurns } from "./request-turns.mjs";

const nextIteration = () => new Promise((resolve) => setImmediate(resolve));
const request = (id: number, destroyed = false) =>
  [{ id } as unknown as IncomingMessage, { destroyed } as unknown as ServerResponse] as const;
const idOf = (incoming: IncomingMessage) => (incoming as unknown as { id: number }).id;

describe("takingTurns", () => {
  it("hands requests over in arrival order, at most perTurn per event-loop iteration", async () => {
    const seen: number[][] = [];
    let current: number[] = [];
    const listener = takingTurns((incoming: IncomingMessage) => current.push(idOf(incoming)), 2);
    for (let id = 1; id <= 5; id++) listener(...request(id));
    expect(current).toEqual([]); // nothing runs before the loop turns
    for (let turn = 0; turn < 5; turn++) {
      await nextIteration();
      seen.push(current);
      current = [];
    }
    // A turn takes requests on one iteration and starts them on the next.
    expect(seen).toEqual([[], [1, 2], [3, 4], [5], []]);
  });

  it("starts each request in a callback of its own, so its microtasks finish before the next one starts", async () => {
    const order: string[] = [];
    const listener = takingTurns(async (incoming: IncomingMessage) => {
      const id = idOf(incoming);
      order.push(`begin ${id}`);
      await Promise.resolve();
      order.push(`commit ${id}`);
    });
    listener(...request(1));
    listener(...request(2));
    for (let turn = 0; turn < 3; turn++) await nextIteration();
    expect(order).toEqual(["begin 1", "commit 1", "begin 2", "commit 2"]);
  });

  it("skips a request whose client went away while it waited", async () => {
    const handled: number[] = [];
    const listener = takingTurns((incoming: IncomingMessage) => handled.push(idOf(incoming)));
    listener(...request(1));
    listener(...request(2, true));
    listener(...request(3));
    for (let turn = 0; turn < 2; turn++) await nextIteration();
    expect(handled).toEqual([1, 3]);
  });
});
