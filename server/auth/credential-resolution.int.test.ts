// Resolving a session cookie or an API key on the request path: remembered briefly, revoked at once through the
// app, within the stated bound behind its back, and answered from indexed queries only.
import type { Client, InStatement } from "@libsql/client";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { database } from "@/db/client";
import { apiKeys, sessions, users } from "@/db/schema";
import { listRepositories } from "@/server/repositories/repositories.service";
import { createApiKey, deleteApiKey, resolveApiKey } from "./api-keys.service";
import { CREDENTIAL_CACHE_MAX_AGE_MS, forgetResolvedCredentials, OUTSIDE_COMMIT_RECHECK_MS } from "./credential-cache";
import { createSession, resolveSessionToken, revokeSession, revokeUserSessions } from "./sessions.service";
import { createUser } from "./users.service";

const PASSWORD = "a-long-enough-password";
let userId: string;

const libsql = async () => ((await database()) as unknown as { $client: Client }).$client;

/** The SQL statements `work` runs, in order. */
async function statementsOf(work: () => Promise<unknown>): Promise<InStatement[]> {
  const client = await libsql();
  const original = client.execute.bind(client);
  const seen: InStatement[] = [];
  const spy = vi.spyOn(client, "execute").mockImplementation(((statement: InStatement) => {
    seen.push(statement);
    return original(statement);
  }) as typeof client.execute);
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return seen;
}

const sqlOf = (statement: InStatement) => (typeof statement === "string" ? statement : statement.sql);

/** The statements of a remembered resolution: none right after a data_version read, that read once it is due. */
async function expectOnlyDataVersionReads(resolve: () => Promise<unknown>) {
  vi.useFakeTimers({ toFake: ["Date"] });
  expect((await statementsOf(resolve)).map(sqlOf)).toEqual([]);
  vi.setSystemTime(Date.now() + OUTSIDE_COMMIT_RECHECK_MS);
  expect((await statementsOf(resolve)).map(sqlOf)).toEqual(["PRAGMA data_version"]);
  expect((await statementsOf(resolve)).map(sqlOf)).toEqual([]);
}

async function newSession() {
  const { token, sessionId } = await createSession(userId);
  return { token, sessionId };
}

beforeAll(async () => {
  userId = (await createUser({ email: "hot@example.com", name: "Hot Path", password: PASSWORD }, "admin")).id;
});

afterEach(() => {
  vi.useRealTimers();
  forgetResolvedCredentials();
});

describe("sessions", () => {
  it("are remembered after the first resolution: later requests only ask, now and then, whether another process wrote", async () => {
    const { token } = await newSession();
    expect((await statementsOf(() => resolveSessionToken(token))).length).toBeGreaterThan(1);
    await expectOnlyDataVersionReads(async () => expect((await resolveSessionToken(token))?.user.id).toBe(userId));
  });

  it("end at once on sign-out and on a password change (all sessions of the user)", async () => {
    const signOut = await newSession();
    const other = await newSession();
    expect(await resolveSessionToken(signOut.token)).not.toBeNull();
    expect(await resolveSessionToken(other.token)).not.toBeNull();

    await revokeSession(signOut.sessionId);
    expect(await resolveSessionToken(signOut.token)).toBeNull();
    expect(await resolveSessionToken(other.token)).not.toBeNull();

    await revokeUserSessions(userId);
    expect(await resolveSessionToken(other.token)).toBeNull();
  });

  it("never remember a failed resolution", async () => {
    const { token, sessionId } = await newSession();
    const db = await database();
    const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    expect(await resolveSessionToken(token)).toBeNull();
    await db.insert(sessions).values(row);
    expect(await resolveSessionToken(token)).not.toBeNull();
  });

  // Another process's commit (the CLI's reset-password, see server/cli) drops them at once through data_version; a
  // write on the app's own connection that bypasses the services is the one case left to the bound.
  it("see a write that bypasses the services within the stated bound", async () => {
    const { token, sessionId } = await newSession();
    const auth = await resolveSessionToken(token);
    const { key } = await createApiKey(auth!, { name: "behind-the-back", password: PASSWORD });
    expect(await resolveApiKey(key)).not.toBeNull();
    // Nothing here tells the cache, and the same connection does not move data_version.
    const db = await database();
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    await db.update(users).set({ banned: true }).where(eq(users.id, userId));
    try {
      expect(await resolveSessionToken(token)).not.toBeNull(); // still remembered…
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(Date.now() + CREDENTIAL_CACHE_MAX_AGE_MS + 1); // …but not for longer than the bound
      expect(await resolveSessionToken(token)).toBeNull();
      expect(await resolveApiKey(key)).toBeNull();
    } finally {
      await db.update(users).set({ banned: false }).where(eq(users.id, userId));
    }
  });
});

describe("API keys", () => {
  async function newKey() {
    const auth = await resolveSessionToken((await newSession()).token);
    return { auth: auth!, created: await createApiKey(auth!, { name: `key-${Math.random()}`, password: PASSWORD }) };
  }

  it("are remembered, and a deleted key stops working at once", async () => {
    const { auth, created } = await newKey();
    expect((await resolveApiKey(created.key))?.apiKeyId).toBe(created.id);
    await expectOnlyDataVersionReads(async () => expect((await resolveApiKey(created.key))?.apiKeyId).toBe(created.id));

    await deleteApiKey(auth, created.id);
    expect(await resolveApiKey(created.key)).toBeNull();
  });

  it("still record when they were last used while remembered", async () => {
    const { created } = await newKey();
    const db = await database();
    // Last recorded just under a minute ago: the first resolution leaves it, a remembered one a second later not.
    await db
      .update(apiKeys)
      .set({ lastRequestAt: Date.now() - 59_500 })
      .where(eq(apiKeys.id, created.id));
    const updatesOf = async () =>
      (await statementsOf(() => resolveApiKey(created.key))).filter(
        (s) => typeof s !== "string" && /^update "api_keys"/i.test(s.sql),
      );
    expect(await updatesOf()).toEqual([]);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 1_000);
    expect(await updatesOf()).toHaveLength(1);
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row.lastRequestAt).toBe(Date.now());
  });
});

describe("query plans", () => {
  it("sign in, resolve credentials and list repositories without scanning a table or sorting the list", async () => {
    const { token } = await newSession();
    const { created } = await (async () => {
      const auth = await resolveSessionToken(token);
      return { created: await createApiKey(auth!, { name: "plans", password: PASSWORD }) };
    })();
    forgetResolvedCredentials();
    const statements = await statementsOf(async () => {
      await createSession(userId);
      const auth = await resolveSessionToken(token);
      await resolveApiKey(created.key);
      await listRepositories(auth!);
    });
    const selects = statements.filter((s) => typeof s !== "string" && /^select/i.test(s.sql));
    expect(selects.length).toBeGreaterThanOrEqual(6);
    const client = await libsql();
    for (const statement of selects) {
      if (typeof statement === "string") continue;
      const plan = await client.execute({ sql: `EXPLAIN QUERY PLAN ${statement.sql}`, args: statement.args });
      const steps = plan.rows.map((row) => String(row.detail));
      // "SCAN <table>" without an index is a full table scan; SEARCH … USING INDEX and temp B-trees are fine.
      expect(
        steps.filter((step) => /^SCAN \S+$/.test(step)),
        `${statement.sql}\n${steps.join("\n")}`,
      ).toEqual([]);
      // The most requested list reads its rows in order from an index rather than sorting them.
      if (/from "repositories"/.test(statement.sql)) expect(steps.join("\n")).not.toMatch(/TEMP B-TREE/);
    }
  });
});
