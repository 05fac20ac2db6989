// Runs against the test database: lookups read its data_version (changes by other processes) now and then.
import { afterEach, describe, expect, it } from "vitest";
import { CREDENTIAL_CACHE_MAX_AGE_MS, forgetResolvedCredentials, rememberedResolution } from "./credential-cache";

afterEach(() => forgetResolvedCredentials());

const counting = (result: { value: string; validUntil: number | null } | null) => {
  const calls = { n: 0 };
  const resolve = async () => {
    calls.n++;
    return result;
  };
  return { calls, resolve };
};

describe("rememberedResolution", () => {
  it("remembers a success for at most the stated bound", async () => {
    const { calls, resolve } = counting({ value: "alice", validUntil: null });
    const now = 1_000_000;
    expect(await rememberedResolution("k", resolve, now)).toBe("alice");
    expect(await rememberedResolution("k", resolve, now + CREDENTIAL_CACHE_MAX_AGE_MS - 1)).toBe("alice");
    expect(calls.n).toBe(1);
    await rememberedResolution("k", resolve, now + CREDENTIAL_CACHE_MAX_AGE_MS);
    expect(calls.n).toBe(2);
  });

  it("never past the credential's own expiry", async () => {
    const now = 1_000_000;
    const { calls, resolve } = counting({ value: "alice", validUntil: now + 100 });
    await rememberedResolution("k", resolve, now);
    await rememberedResolution("k", resolve, now + 100);
    expect(calls.n).toBe(2);
  });

  it("runs one resolution for requests that arrive together", async () => {
    const { calls, resolve } = counting({ value: "alice", validUntil: null });
    const together = await Promise.all(Array.from({ length: 20 }, () => rememberedResolution("k", resolve)));
    expect(together).toEqual(Array(20).fill("alice"));
    expect(calls.n).toBe(1);
    const failing = counting(null);
    expect(await Promise.all([1, 2].map(() => rememberedResolution("bad", failing.resolve)))).toEqual([null, null]);
    expect(await rememberedResolution("bad", failing.resolve)).toBeNull();
    expect(failing.calls.n).toBe(2);
  });

  it("does not remember a failure", async () => {
    const { calls, resolve } = counting(null);
    expect(await rememberedResolution("k", resolve)).toBeNull();
    expect(await rememberedResolution("k", resolve)).toBeNull();
    expect(calls.n).toBe(2);
  });

  it("forgets everything at once, including a resolution that was running during the revocation", async () => {
    const { calls, resolve } = counting({ value: "alice", validUntil: null });
    await rememberedResolution("k", resolve);
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolved) => {
      started = resolved;
    });
    const slow = rememberedResolution("slow", async () => {
      started();
      await new Promise<void>((resolved) => {
        release = resolved;
      });
      return { value: "read before the revocation", validUntil: null };
    });
    await running;
    forgetResolvedCredentials();
    release();
    expect(await slow).toBe("read before the revocation"); // that request began before the revocation
    await rememberedResolution("k", resolve);
    expect(calls.n).toBe(2);
    const fresh = counting({ value: "after", validUntil: null });
    expect(await rememberedResolution("slow", fresh.resolve)).toBe("after");
  });
});
