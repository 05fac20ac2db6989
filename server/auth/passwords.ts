// Password hashing with bcrypt in native code (@node-rs/bcrypt, prebuilt, no install script): hashes run on libuv's
// thread pool, never on the event loop, so a burst of sign-ins or bad REST credentials cannot stall the UI or the
// restic clients. At most HASH_CONCURRENCY run at once (the pool keeps threads for file I/O), and past MAX_WAITING
// queued checks a new one is refused with 503 at once instead of letting every answer wait longer and longer.
// `$2a$`, `$2b$` and `$2y$` hashes all verify (bcryptjs, htpasswd).
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/bcrypt";
import { ServiceUnavailableError } from "@/server/http/errors";

/** App users' passwords; REST server accounts use 12 (restic clients authenticate once per connection). */
export const USER_PASSWORD_COST = 10;
export const HASH_CONCURRENCY = Math.max(1, Math.min(2, availableParallelism() - 1));
export const MAX_WAITING = 64;

type Pool = { running: number; waiting: (() => void)[]; dummies: Map<number, Promise<string>> };
const holder = globalThis as unknown as { __zerobyteHashPool?: Pool };
const pool = (): Pool => (holder.__zerobyteHashPool ??= { running: 0, waiting: [], dummies: new Map() });

async function inPool<T>(work: () => Promise<T>): Promise<T> {
  const state = pool();
  if (state.running >= HASH_CONCURRENCY) {
    if (state.waiting.length >= MAX_WAITING) throw new ServiceUnavailableError("Too many sign-ins at once", 1);
    await new Promise<void>((resolve) => state.waiting.push(resolve));
  } else {
    state.running++;
  }
  try {
    return await work();
  } finally {
    // The slot passes straight to the oldest waiter, so `running` only drops when nobody waits.
    const next = state.waiting.shift();
    if (next) next();
    else state.running--;
  }
}

export function hashPassword(password: string, cost = USER_PASSWORD_COST): Promise<string> {
  return inPool(() => hash(password, cost));
}

/** A hash of a random secret at `cost`, made once: checked against when there is no real hash to check. */
function dummyHash(cost: number): Promise<string> {
  const { dummies } = pool();
  let dummy = dummies.get(cost);
  if (!dummy) {
    dummy = hash(randomBytes(16).toString("hex"), cost);
    dummies.set(cost, dummy);
  }
  return dummy;
}

/**
 * Checks a password. Without a stored hash (unknown user, no local password) the same work is done against a dummy
 * hash of the same cost, so the answer's timing does not tell whether the account exists.
 */
export async function verifyPassword(
  password: string,
  stored: string | null | undefined,
  cost = USER_PASSWORD_COST,
): Promise<boolean> {
  if (!stored) {
    const dummy = await dummyHash(cost);
    await inPool(() => verify(password, dummy));
    return false;
  }
  // A malformed stored hash makes verify throw: it matches nothing. (A full queue's 503 still reaches the caller.)
  return inPool(() => verify(password, stored).catch(() => false));
}
