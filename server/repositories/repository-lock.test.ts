import { describe, expect, it } from "vitest";
import { withRepositoryLock } from "./repository-lock";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("repository lock", () => {
  it("lets readers share and makes a writer wait for them, then run alone", async () => {
    const events: string[] = [];
    let releaseReaders!: () => void;
    const readersGate = new Promise<void>((resolve) => (releaseReaders = resolve));
    const reader = (name: string) =>
      withRepositoryLock("repo", "shared", async () => {
        events.push(`${name} start`);
        await readersGate;
        events.push(`${name} end`);
      });
    const r1 = reader("r1");
    const r2 = reader("r2");
    const writer = withRepositoryLock("repo", "exclusive", async () => {
      events.push("w start");
      await tick();
      events.push("w end");
    });
    const lateReader = reader("r3");
    await tick();
    expect(events).toEqual(["r1 start", "r2 start"]);
    releaseReaders();
    await Promise.all([r1, r2, writer, lateReader]);
    // The writer queued before r3, so r3 waits for it (no writer starvation).
    expect(events.slice(2)).toEqual(["r1 end", "r2 end", "w start", "w end", "r3 start", "r3 end"]);
  });

  it("releases the lock when the work fails", async () => {
    await expect(
      withRepositoryLock("repo2", "exclusive", async () => Promise.reject(new Error("boom"))),
    ).rejects.toThrow();
    await expect(withRepositoryLock("repo2", "exclusive", async () => "ok")).resolves.toBe("ok");
  });

  it("keeps repositories independent", async () => {
    let inner = "";
    await withRepositoryLock("a", "exclusive", async () => {
      inner = await withRepositoryLock("b", "exclusive", async () => "b ran");
    });
    expect(inner).toBe("b ran");
  });

  it("tells a holder that asked when another operation queues, so it can step aside", async () => {
    const events: string[] = [];
    let stepAside!: () => void;
    const stepped = new Promise<void>((resolve) => (stepAside = resolve));
    const reader = withRepositoryLock(
      "repo3",
      "shared",
      async () => {
        events.push("index start");
        await stepped;
        events.push("index stops");
      },
      { onContention: () => stepAside() },
    );
    const otherReader = withRepositoryLock("repo3", "shared", async () => events.push("shared reader ran"));
    await otherReader;
    expect(events).toEqual(["index start", "shared reader ran"]);
    const writer = withRepositoryLock("repo3", "exclusive", async () => events.push("writer ran"));
    await Promise.all([reader, writer]);
    expect(events).toEqual(["index start", "shared reader ran", "index stops", "writer ran"]);
  });
});
