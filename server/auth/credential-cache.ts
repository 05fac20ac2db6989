// Successful resolutions of a session cookie or an API key, remembered for a few seconds. Without it every API
// request paid for decrypting the session JWT (with a fresh key derivation) and two or three database queries
// before the route did any work (profiled under 100 connections: more than the route itself).
//
// Revocation stays immediate: every change that can end or alter a resolution in this process (sign-out, password
// change, deleted API key, 2FA on/off, user fields) calls `forgetResolvedCredentials`, which drops every entry at
// once. A commit by another process (the CLI resetting a password or turning 2FA off, a second instance on a shared
// database) changes SQLite's `PRAGMA data_version`, read by the first lookup after OUTSIDE_COMMIT_RECHECK_MS (one tiny
// statement instead of the two or three the resolution needs; lookups in between share it, which under 100
// connections was a sixth of the list route's CPU): any such commit drops every entry within that time. MAX_AGE_MS
// bounds what could still slip through. Failed resolutions are never remembered.
// On globalThis because Next bundles routes separately (stack-notes pitfall 3).
import { sql } from "drizzle-orm";
import { database } from "@/db/client";

export const CREDENTIAL_CACHE_MAX_AGE_MS = 5_000;
/** How long one read of data_version answers for: another process's commit is seen within this. */
export const OUTSIDE_COMMIT_RECHECK_MS = 100;
const MAX_ENTRIES = 10_000;

type Entry<T> = { value: T; expiresAt: number };
type Pending = { generation: number; resolution: Promise<Resolution<unknown> | null> };
type Cache = {
  generation: number;
  entries: Map<string, Entry<unknown>>;
  /** Resolutions running now: requests arriving together (100 connections after an expiry) share one. */
  pending: Map<string, Pending>;
  dataVersion?: unknown;
  /** The latest data_version read, shared by the lookups that follow it within OUTSIDE_COMMIT_RECHECK_MS. */
  versionCheck?: { at: number; done: Promise<void> };
};

const holder = globalThis as unknown as { __zerobyteCredentialCache?: Cache };
holder.__zerobyteCredentialCache ??= { generation: 0, entries: new Map(), pending: new Map() };
const cache = holder.__zerobyteCredentialCache;

export type Resolution<T> = {
  value: T;
  /** When the credential itself expires (session or key expiry, epoch ms); null if never. */
  validUntil: number | null;
};

/**
 * The remembered value for `key`, or the result of `resolve` (remembered if it succeeded and nothing was
 * revoked while it ran).
 */
export async function rememberedResolution<T>(
  key: string,
  resolve: () => Promise<Resolution<T> | null>,
  now = Date.now(),
): Promise<T | null> {
  await forgetOnOutsideCommits(now);
  const hit = cache.entries.get(key) as Entry<T> | undefined;
  if (hit && hit.expiresAt > now) return hit.value;
  if (hit) cache.entries.delete(key);

  const generation = cache.generation;
  const resolved = (await shared(key, generation, resolve)) as Resolution<T> | null;
  if (!resolved) return null;
  // A revocation that happened while this resolution ran may not have been seen by it; do not remember it.
  if (generation === cache.generation) {
    if (cache.entries.size >= MAX_ENTRIES) sweep(now);
    const maxAge = now + CREDENTIAL_CACHE_MAX_AGE_MS;
    cache.entries.set(key, { value: resolved.value, expiresAt: Math.min(maxAge, resolved.validUntil ?? maxAge) });
  }
  return resolved.value;
}

/** The resolution of `key` already running in this generation, or a new one (failures are shared, not kept). */
function shared<T>(key: string, generation: number, resolve: () => Promise<Resolution<T> | null>) {
  const running = cache.pending.get(key);
  if (running?.generation === generation) return running.resolution;
  const resolution = resolve().finally(() => {
    if (cache.pending.get(key)?.resolution === resolution) cache.pending.delete(key);
  });
  cache.pending.set(key, { generation, resolution });
  return resolution;
}

function sweep(now: number): void {
  for (const [key, entry] of cache.entries) if (entry.expiresAt <= now) cache.entries.delete(key);
  // Still full of live entries (many distinct credentials at once): start over rather than grow without bound.
  if (cache.entries.size >= MAX_ENTRIES) cache.entries.clear();
}

function forgetOnOutsideCommits(now: number): Promise<void> {
  const last = cache.versionCheck;
  if (last && now >= last.at && now - last.at < OUTSIDE_COMMIT_RECHECK_MS) return last.done;
  const done = readDataVersion();
  cache.versionCheck = { at: now, done };
  return done;
}

/**
 * SQLite's data_version moves only when another connection commits: another process, or this one's interactive
 * transactions (db/embedded-client.ts runs them on a connection of their own), which only drops entries more often.
 */
async function readDataVersion(): Promise<void> {
  const db = await database();
  // A database server that refuses the pragma (or answers without it) leaves nothing remembered: slower, still right.
  const row = await db.get<{ data_version?: number }>(sql`PRAGMA data_version`).catch(() => undefined);
  const version = row?.data_version;
  if (version === undefined) forgetResolvedCredentials();
  else if (version !== cache.dataVersion) {
    if (cache.dataVersion !== undefined) forgetResolvedCredentials();
    cache.dataVersion = version;
  }
}

/** Drops every remembered resolution, and any resolution still running from being remembered. */
export function forgetResolvedCredentials(): void {
  cache.generation++;
  cache.entries.clear();
}
