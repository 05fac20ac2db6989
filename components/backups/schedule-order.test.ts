import { describe, expect, it } from "vitest";
import { arrange, moveTo } from "./schedule-order";

describe("moveTo", () => {
  it("moves an entry down and up by one", () => {
    expect(moveTo(["a", "b", "c"], "a", 1)).toEqual(["b", "a", "c"]);
    expect(moveTo(["a", "b", "c"], "c", 1)).toEqual(["a", "c", "b"]);
  });

  it("drops an entry at another's place, from either side", () => {
    expect(moveTo(["a", "b", "c", "d"], "a", 2)).toEqual(["b", "c", "a", "d"]);
    expect(moveTo(["a", "b", "c", "d"], "d", 0)).toEqual(["d", "a", "b", "c"]);
  });

  it("keeps the index within the list and leaves an unknown id out", () => {
    expect(moveTo(["a", "b"], "a", 5)).toEqual(["b", "a"]);
    expect(moveTo(["a", "b"], "b", -1)).toEqual(["b", "a"]);
    expect(moveTo(["a", "b"], "x", 0)).toEqual(["a", "b"]);
  });
});

describe("arrange", () => {
  it("orders items by the ids, unnamed ones last in their own order", () => {
    const items = ["a", "b", "c", "d"].map((shortId) => ({ shortId }));
    expect(arrange(items, ["c", "a"]).map((item) => item.shortId)).toEqual(["c", "a", "b", "d"]);
  });
});
