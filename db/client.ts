// One database client per process (db/embedded-client.ts for the default file, @libsql/client for a libSQL server),
// kept on globalThis: Next bundles instrumentation and routes separately, and module-level singletons are not shared
// between them (stack-notes pitfall 3).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Client, createClient } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { getConfig } from "@/server/config";
import { getLogger } from "@/server/logging/logger";
import { EmbeddedClient } from "./embedded-client";
import * as schema from "./schema";

export type Database = LibSQLDatabase<typeof schema>;

const holder = globalThis as unknown as {
  __zerobyteDb?: { client: Client; db: Database };
  __zerobyteMigrated?: Promise<void>;
};

export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

const BUSY_TIMEOUT_MS = 5000;

/** A transaction that waited on other I/O: the bug that stalls every write beside it (db/embedded-client.ts). */
const reportHeldOpen = (begunAt: string) =>
  getLogger().error({ begunAt }, "A database transaction stayed open across other I/O; writes beside it stall");

/** The path of a plain `file:` URL (`file:/abs`, `file:rel`, `file:///abs`); null for a server, `:memory:` or options. */
function embeddedFile(url: string): string | null {
  if (!url.startsWith("file:") || url.includes("?") || url.includes(":memory:")) return null;
  return url.startsWith("file://") ? fileURLToPath(url) : url.slice("file:".length);
}

function connect() {
  const config = getConfig();
  const file = embeddedFile(config.databaseUrl);
  if (file) mkdirSync(path.dirname(file), { recursive: true });
  // The busy timeout of every connection (a PRAGMA would reach only the one that runs it).
  const client: Client = file
    ? new EmbeddedClient(file, BUSY_TIMEOUT_MS, reportHeldOpen)
    : createClient({ url: config.databaseUrl, authToken: config.databaseAuthToken, timeout: BUSY_TIMEOUT_MS });
  return { client, db: drizzle(client, { schema }) };
}

export function getDb(): Database {
  holder.__zerobyteDb ??= connect();
  return holder.__zerobyteDb.db;
}

/** Applies pending migrations once per process; every caller awaits the same run. */
export function runMigrations(): Promise<void> {
  holder.__zerobyteMigrated ??= (async () => {
    const db = getDb();
    const { client } = holder.__zerobyteDb!;
    if (getConfig().databaseUrl.startsWith("file:")) {
      // WAL lets readers go on while a writer commits (the busy timeout, set on the client, rides out the rest).
      await client.execute("PRAGMA journal_mode = WAL");
    }
    await client.execute("PRAGMA foreign_keys = ON");
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  })();
  return holder.__zerobyteMigrated;
}

/** The ready database: migrated before first use. */
export async function database(): Promise<Database> {
  await runMigrations();
  return getDb();
}

export function closeDb(): void {
  holder.__zerobyteDb?.client.close();
  holder.__zerobyteDb = undefined;
  holder.__zerobyteMigrated = undefined;
}
