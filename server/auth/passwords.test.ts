import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { HASH_CONCURRENCY, hashPassword, MAX_WAITING, verifyPassword } from "./passwords";

// Hashes of "correct-horse" made by bcryptjs 3.0.3 (the library this replaced), with the $2a$/$2y$ prefixes other
// tools (htpasswd, PHP) write: all must keep verifying.
const LEGACY = {
  $2a: "$2a$10$abcdefghijklmnopqrstuuf4yQswfQRuOxajohDXdzREFVDuc.Vdy",
  $2b: "$2b$10$0RJtaBuGV8uXyDxCbi1cw.LTuPjhp.pVbZVt9C9nTd9Vv4NYI7K1a",
  $2y: "$2y$10$b5t0gUiGFiPNCk5i.4QSsetQdFEy0Zz7tiuMJbp8VVdlyvHiUbBUG",
};

describe("password hashing", () => {
  it("verifies $2a$, $2b$ and $2y$ hashes made elsewhere", async () => {
    for (const hash of Object.values(LEGACY)) {
      expect(await verifyPassword("correct-horse", hash)).toBe(true);
      expect(await verifyPassword("wrong-horse", hash)).toBe(false);
    }
  });

  it("round-trips its own hashes, and a missing or broken hash never verifies", async () => {
    const hash = await hashPassword("s3cret-password");
    expect(await verifyPassword("s3cret-password", hash)).toBe(true);
    expect(await verifyPassword("s3cret-password", null)).toBe(false);
    expect(await verifyPassword("s3cret-password", "not-a-hash")).toBe(false);
  });

  it("hashes off the event loop: timers keep firing while a burst of checks runs", async () => {
    const hash = await hashPassword("x", 12);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    await Promise.all(Array.from({ length: 6 }, () => verifyPassword("wrong", hash, 12)));
    const elapsed = performance.now() - started;
    delay.disable();
    // Six cost-12 checks take seconds of CPU; the loop must never have been blocked for even one of them.
    expect(elapsed).toBeGreaterThan(200);
    expect(delay.max / 1e6).toBeLessThan(150);
  }, 60_000);

  it("refuses with 503 at once past its queue instead of making everyone wait longer", async () => {
    // The queue's length is what counts here, not the cost, so cheap hashes keep the test short.
    const hash = await hashPassword("x", 4);
    const results = await Promise.allSettled(
      Array.from({ length: HASH_CONCURRENCY + MAX_WAITING + 5 }, () => verifyPassword("wrong", hash, 4)),
    );
    const refused = results.filter((result) => result.status === "rejected");
    expect(refused).toHaveLength(5);
    expect(refused[0]).toMatchObject({ reason: { status: 503 } });
  });
});
