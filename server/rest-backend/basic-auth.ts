// HTTP Basic authentication against REST users. bcrypt on every request would cap restic at a few
// requests per second, so successful checks are remembered briefly, keyed by a SHA-256 of user:password
// (the password itself is never kept). A cached check only counts while the user's stored hash is unchanged,
// so a password change or deletion takes effect at once. Every check that does run goes through the credential
// limiter and the bounded, off-event-loop bcrypt pool: bad credentials can neither be guessed at speed nor stall
// the server.
import { createHash } from "node:crypto";
import { assertCredentialAttemptAllowed, limitCredentialCheck } from "@/server/auth/credential-limiter";
import { verifyPassword as bcryptVerify } from "@/server/auth/passwords";
import { findRestUser, type RestUserRecord } from "./rest-user-directory";

const CACHE_TTL_MS = 60_000;
/** The cost REST account passwords are hashed with (rest-users.service.ts). */
export const REST_PASSWORD_COST = 12;

type CacheEntry = { passwordHash: string; expiresAt: number };
const holder = globalThis as unknown as {
  __zerobyteRestAuthCache?: Map<string, CacheEntry>;
  __zerobyteRestAuthPending?: Map<string, Promise<boolean>>;
};
holder.__zerobyteRestAuthCache ??= new Map();
const cache = holder.__zerobyteRestAuthCache;
// restic opens several connections at once; concurrent requests with the same credentials share one bcrypt run.
holder.__zerobyteRestAuthPending ??= new Map();
const pending = holder.__zerobyteRestAuthPending;

export type BasicCredentials = { username: string; password: string };

export function parseBasicAuthorization(header: string | null): BasicCredentials | null {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function cacheKey({ username, password }: BasicCredentials): string {
  return createHash("sha256").update(`${username}:${password}`).digest("hex");
}

function sweepExpired(now: number): void {
  for (const [key, entry] of cache) if (entry.expiresAt <= now) cache.delete(key);
}

async function verifyPassword(key: string, password: string, passwordHash: string): Promise<boolean> {
  const running = pending.get(key);
  if (running) return running;
  const check = bcryptVerify(password, passwordHash, REST_PASSWORD_COST).finally(() => pending.delete(key));
  pending.set(key, check);
  return check;
}

/**
 * The REST user named by the Authorization header, or null when it is missing or wrong. `ip` is the client's
 * address; a locked address or account throws 429 before any bcrypt runs.
 */
export async function authenticate(header: string | null, ip: string): Promise<RestUserRecord | null> {
  const credentials = parseBasicAuthorization(header);
  if (!credentials) return null;
  // The limiter comes before the cache of good logins: while an account is locked, a remembered password must not
  // answer "right" to a guesser elsewhere at cache speed.
  const subject = { ip, account: `rest:${credentials.username}`, secret: credentials.password };
  assertCredentialAttemptAllowed(subject);
  const user = await findRestUser(credentials.username);
  const key = cacheKey(credentials);
  const now = Date.now();
  const cached = cache.get(key);
  if (user && cached && cached.expiresAt > now && cached.passwordHash === user.passwordHash) return user;
  const passed = await limitCredentialCheck(subject, async () => {
    // An unknown user costs the same bcrypt work (a dummy hash), so timing does not reveal which usernames exist.
    if (!user) return bcryptVerify(credentials.password, null, REST_PASSWORD_COST);
    // The pending key includes the hash so a check against an old hash is never reused after a change.
    return verifyPassword(`${key}:${user.passwordHash}`, credentials.password, user.passwordHash);
  });
  if (!passed || !user) return null;
  sweepExpired(now);
  cache.set(key, { passwordHash: user.passwordHash, expiresAt: now + CACHE_TTL_MS });
  return user;
}

/** Drops every remembered login (the REST users service calls this on any change). */
export function forgetRestLogins(): void {
  cache.clear();
}
