// In-memory view of the rest_users table for the request path: every restic request needs the caller's
// flags and the repository owner's quota, and a database round trip per request would cost throughput.
// Kept on globalThis because Next bundles routes separately (stack-notes pitfall 3).
import { database } from "@/db/client";
import { restUsers } from "@/db/schema";

export type RestUserRecord = typeof restUsers.$inferSelect;

// Changes made through the service invalidate at once; the TTL only catches writers in other processes (CLI).
const TTL_MS = 30_000;

type Snapshot = { promise: Promise<Map<string, RestUserRecord>>; loadedAt: number };
const holder = globalThis as unknown as { __zerobyteRestUsers?: Snapshot };

async function load(): Promise<Map<string, RestUserRecord>> {
  const db = await database();
  const rows = await db.select().from(restUsers);
  return new Map(rows.map((row) => [row.username, row]));
}

function snapshot(): Promise<Map<string, RestUserRecord>> {
  const now = Date.now();
  let current = holder.__zerobyteRestUsers;
  if (!current || now - current.loadedAt >= TTL_MS) {
    const fresh: Snapshot = { promise: load(), loadedAt: now };
    // A failed load must not stick: the next request tries again.
    fresh.promise.catch(() => {
      if (holder.__zerobyteRestUsers === fresh) holder.__zerobyteRestUsers = undefined;
    });
    holder.__zerobyteRestUsers = current = fresh;
  }
  return current.promise;
}

export async function findRestUser(username: string): Promise<RestUserRecord | undefined> {
  return (await snapshot()).get(username);
}

/** Called by the REST users service after every change. */
export function forgetRestUsers(): void {
  holder.__zerobyteRestUsers = undefined;
}
