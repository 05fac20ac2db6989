import { afterEach, describe, expect, it } from "vitest";
import type { AppError } from "@/server/http/errors";
import {
  assertCredentialAttemptAllowed,
  LIMITER_POLICY,
  limitCredentialCheck,
  recordCredentialFailure,
  recordCredentialSuccess,
  resetCredentialLimiter,
} from "./credential-limiter";

afterEach(() => resetCredentialLimiter());

const retryAfter = (fn: () => void): number | null => {
  try {
    fn();
    return null;
  } catch (error) {
    expect((error as AppError).status).toBe(429);
    return Number((error as AppError).extra.headers?.["Retry-After"]);
  }
};

describe("credential limiter", () => {
  it("locks an account after its free failures, doubling the lock with each further failure", () => {
    const subject = { ip: "198.51.100.1", account: "password:u1" };
    const t = 1_000_000;
    for (let i = 0; i < LIMITER_POLICY.freeFailuresPerAccount; i++) recordCredentialFailure(subject, t);
    expect(retryAfter(() => assertCredentialAttemptAllowed(subject, t))).toBeNull();
    recordCredentialFailure(subject, t);
    expect(retryAfter(() => assertCredentialAttemptAllowed(subject, t))).toBe(5);
    recordCredentialFailure(subject, t + 5_000);
    recordCredentialFailure(subject, t + 15_000);
    expect(retryAfter(() => assertCredentialAttemptAllowed(subject, t + 15_000))).toBe(20);
    // Another account from another address is not affected.
    expect(retryAfter(() => assertCredentialAttemptAllowed({ ip: "198.51.100.2", account: "password:u2" }, t))).toBe(
      null,
    );
  });

  it("caps the lock at 15 minutes and forgets failures 15 minutes after the last one", () => {
    const subject = { ip: "198.51.100.3", account: "password:u3" };
    for (let i = 0; i < 40; i++) recordCredentialFailure(subject, 0);
    expect(retryAfter(() => assertCredentialAttemptAllowed(subject, 0))).toBe(15 * 60);
    expect(retryAfter(() => assertCredentialAttemptAllowed(subject, 15 * 60_000 + 1))).toBeNull();
    recordCredentialFailure(subject, 15 * 60_000 + 2);
    expect(retryAfter(() => assertCredentialAttemptAllowed(subject, 15 * 60_000 + 2))).toBeNull();
  });

  it("locks an address that guesses at many accounts, and an IPv6 /64 as one address", () => {
    for (let i = 0; i <= LIMITER_POLICY.freeFailuresPerAddress; i++) {
      recordCredentialFailure({ ip: `2001:db8::${i.toString(16)}`, account: `login:spray${i}` }, 0);
    }
    expect(retryAfter(() => assertCredentialAttemptAllowed({ ip: "2001:db8::ffff", account: "login:fresh" }, 0))).toBe(
      5,
    );
    expect(retryAfter(() => assertCredentialAttemptAllowed({ ip: "2001:db9::1", account: "login:fresh" }, 0))).toBe(
      null,
    );
  });

  it("lets a credential that succeeded before from the same address through an account lock, never a guess", () => {
    const owner = { ip: "198.51.100.4", account: "rest:laptop", secret: "right" };
    recordCredentialSuccess(owner, 0);
    for (let i = 0; i < 10; i++) recordCredentialFailure({ ip: "203.0.113.5", account: "rest:laptop" }, 1);
    expect(retryAfter(() => assertCredentialAttemptAllowed(owner, 2))).toBeNull();
    expect(
      retryAfter(() => assertCredentialAttemptAllowed({ ip: "198.51.100.6", account: "rest:laptop", secret: "x" }, 2)),
    ).not.toBeNull();
    // The right secret from another address is still locked out: no oracle for the password elsewhere.
    expect(retryAfter(() => assertCredentialAttemptAllowed({ ...owner, ip: "198.51.100.6" }, 2))).not.toBeNull();
  });

  it("counts false as a failure and a success as clearing the account", async () => {
    const subject = { ip: "198.51.100.7", account: "password:u7" };
    for (let i = 0; i < LIMITER_POLICY.freeFailuresPerAccount - 1; i++) {
      expect(await limitCredentialCheck(subject, async () => false)).toBe(false);
    }
    expect(await limitCredentialCheck(subject, async () => true)).toBe(true);
    for (let i = 0; i <= LIMITER_POLICY.freeFailuresPerAccount; i++)
      await limitCredentialCheck(subject, async () => false);
    await expect(limitCredentialCheck(subject, async () => true)).rejects.toMatchObject({ status: 429 });
  });

  it("keeps its memory bounded under a flood of addresses and accounts", () => {
    for (let i = 0; i < LIMITER_POLICY.maxTracked + 5_000; i++) {
      recordCredentialFailure({ ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, account: `login:${i}` }, 0);
    }
    const state = (globalThis as unknown as { __zerobyteCredentialLimiter: { addresses: Map<string, unknown> } })
      .__zerobyteCredentialLimiter;
    expect(state.addresses.size).toBeLessThanOrEqual(LIMITER_POLICY.maxTracked);
  });
});
