// The one failure limiter in front of every credential check: passwords (JSON sign-in, next-auth's callback and every
// re-confirmation), TOTP codes, backup codes, REST Basic auth and API keys. Failures are counted per client address
// (an IPv6 /64 counts as one) and per account. Past a free allowance each further failure doubles a lock (5 s, 10 s,
// 20 s … 15 min); while locked the check is not even attempted (429 with Retry-After), so guessing costs the attacker
// time and the server no CPU. Counts are forgotten 15 minutes after the last failure, and each map is bounded.
//
// A success clears the account's count, not the address's (one valid account must not buy an address fresh guesses
// at others). Locking an account is also a way to lock its owner out, so a credential that succeeded recently from
// the same address passes an account lock (never an address lock): a restic client that keeps backing up, or a
// user who signed in before, is not shut out by someone else's guessing. Bound to the address, so the lock cannot
// be turned into a fast "is this the password?" oracle from anywhere else.
import { createHmac, randomBytes } from "node:crypto";
import { addressBucket } from "@/server/http/client-ip";
import { TooManyRequestsError } from "@/server/http/errors";

export type CredentialSubject = {
  /** The client address the attempt came from. */
  ip: string;
  /** The account the attempt names (a login, a user id, a REST username); absent for API keys. */
  account?: string;
  /** The secret tried, only to recognise a credential that succeeded before from this address (a keyed hash). */
  secret?: string;
};

type Counter = { failures: number; lastFailureAt: number; lockedUntil: number };

export const LIMITER_POLICY = {
  freeFailuresPerAddress: 20,
  freeFailuresPerAccount: 5,
  firstLockMs: 5_000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 15 * 60_000,
  knownGoodForMs: 24 * 60 * 60_000,
  maxTracked: 10_000,
};

type State = {
  addresses: Map<string, Counter>;
  accounts: Map<string, Counter>;
  knownGood: Map<string, number>;
  key: Buffer;
};
const holder = globalThis as unknown as { __zerobyteCredentialLimiter?: State };
const state = (): State =>
  (holder.__zerobyteCredentialLimiter ??= {
    addresses: new Map(),
    accounts: new Map(),
    knownGood: new Map(),
    key: randomBytes(32),
  });

/** Inserting again moves a key to the end, so the map's first keys are the least recently touched. */
function touch<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= LIMITER_POLICY.maxTracked) break;
    map.delete(oldest);
  }
}

function current(map: Map<string, Counter>, key: string, now: number): Counter | undefined {
  const counter = map.get(key);
  if (counter && now - counter.lastFailureAt > LIMITER_POLICY.forgetAfterMs && counter.lockedUntil <= now) {
    map.delete(key);
    return undefined;
  }
  return counter;
}

function fail(map: Map<string, Counter>, key: string, free: number, now: number): void {
  const counter = current(map, key, now) ?? { failures: 0, lastFailureAt: now, lockedUntil: 0 };
  counter.failures += 1;
  counter.lastFailureAt = now;
  const over = counter.failures - free;
  if (over > 0) {
    const lockMs = Math.min(LIMITER_POLICY.firstLockMs * 2 ** Math.min(over - 1, 30), LIMITER_POLICY.maxLockMs);
    counter.lockedUntil = now + lockMs;
  }
  touch(map, key, counter);
}

const proofOf = (subject: CredentialSubject) =>
  subject.account !== undefined && subject.secret !== undefined
    ? createHmac("sha256", state().key)
        .update(`${addressBucket(subject.ip)}\u0000${subject.account}\u0000${subject.secret}`)
        .digest("base64")
    : undefined;

function knownGood(subject: CredentialSubject, now: number): boolean {
  const proof = proofOf(subject);
  const until = proof ? state().knownGood.get(proof) : undefined;
  return until !== undefined && until > now;
}

/** Throws 429 (with Retry-After) while the address, or the account, is locked. */
export function assertCredentialAttemptAllowed(subject: CredentialSubject, now = Date.now()): void {
  const { addresses, accounts } = state();
  const addressLock = current(addresses, addressBucket(subject.ip), now)?.lockedUntil ?? 0;
  let accountLock = subject.account === undefined ? 0 : (current(accounts, subject.account, now)?.lockedUntil ?? 0);
  if (accountLock > now && knownGood(subject, now)) accountLock = 0;
  const lockedUntil = Math.max(addressLock, accountLock);
  if (lockedUntil > now) throw new TooManyRequestsError(Math.ceil((lockedUntil - now) / 1000));
}

export function recordCredentialFailure(subject: CredentialSubject, now = Date.now()): void {
  const { addresses, accounts } = state();
  fail(addresses, addressBucket(subject.ip), LIMITER_POLICY.freeFailuresPerAddress, now);
  if (subject.account !== undefined) fail(accounts, subject.account, LIMITER_POLICY.freeFailuresPerAccount, now);
}

export function recordCredentialSuccess(subject: CredentialSubject, now = Date.now()): void {
  if (subject.account === undefined) return;
  state().accounts.delete(subject.account);
  const proof = proofOf(subject);
  if (proof) touch(state().knownGood, proof, now + LIMITER_POLICY.knownGoodForMs);
}

/**
 * Runs one credential check under the limiter: refused with 429 while locked, counted as a failure when `check`
 * answers false, cleared on success. A check that throws (server busy, nothing to check against) counts as neither.
 */
export async function limitCredentialCheck(
  subject: CredentialSubject,
  check: () => Promise<boolean>,
): Promise<boolean> {
  assertCredentialAttemptAllowed(subject);
  const passed = await check();
  if (passed) recordCredentialSuccess(subject);
  else recordCredentialFailure(subject);
  return passed;
}

/** Forgets every count and remembered success (tests). */
export function resetCredentialLimiter(): void {
  holder.__zerobyteCredentialLimiter = undefined;
}
