import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LibsqlError } from "@libsql/client";
import Database from "libsql";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EmbeddedClient } from "./embedded-client";

let client: EmbeddedClient;
let file: string;

beforeEach(async () => {
  file = path.join(mkdtempSync(path.join(tmpdir(), "zerobyte-embedded-")), "test.db");
  client = new EmbeddedClient(file, 1000);
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, size INTEGER)");
});

afterEach(() => {
  vi.restoreAllMocks();
  client.close();
});

const names = async () => (await client.execute("SELECT name FROM items ORDER BY name")).rows.map((row) => row.name);

describe("EmbeddedClient", () => {
  it("returns rows as @libsql/client does: indexed and named, only the names enumerable, integers as numbers", async () => {
    await client.execute({ sql: "INSERT INTO items (name, size) VALUES (?, ?)", args: ["a", 2 ** 40] });
    const result = await client.execute("SELECT id, name, size, name AS name FROM items");

    expect(result.columns).toEqual(["id", "name", "size", "name"]);
    const [row] = result.rows;
    expect(row.length).toBe(4);
    expect([row[0], row[1], row[2]]).toEqual([1, "a", 2 ** 40]);
    expect(Object.keys(row)).toEqual(["id", "name", "size"]);
    expect(Array.prototype.slice.call(row)).toEqual([1, "a", 2 ** 40, "a"]);

    // A column may be named like an inherited property; only "length" stays the column count, as in @libsql/client.
    const [odd] = (await client.execute("SELECT 1 AS constructor, 2 AS length, 3 AS toString")).rows;
    expect(Object.keys(odd)).toEqual(["constructor", "toString"]);
    expect([odd.constructor, odd.length, odd.toString, odd[1]]).toEqual([1, 3, 3, 2]);
  });

  it("refuses an integer a JavaScript number cannot hold instead of rounding it", async () => {
    await expect(client.execute("SELECT 9007199254740993 AS big")).rejects.toThrow(RangeError);
  });

  it("takes positional and named arguments, booleans as 0/1 and dates as milliseconds", async () => {
    const when = new Date("2026-01-02T03:04:05Z");
    await client.execute({
      sql: "INSERT INTO items (name, size) VALUES (:name, $size)",
      args: { name: "n", size: true },
    });
    await client.execute("INSERT INTO items (name, size) VALUES (?, ?)", ["d", when]);
    const rows = (await client.execute("SELECT name, size FROM items ORDER BY name")).rows;
    expect(rows.map((row) => [row.name, row.size])).toEqual([
      ["d", when.valueOf()],
      ["n", 1],
    ]);
  });

  it("prepares a statement once and reuses it, also after it failed", async () => {
    const prepare = vi.spyOn(Database.prototype, "prepare");
    const insert = "INSERT INTO items (name) VALUES (?)";
    await client.execute(insert, ["a"]);
    const failure = await client.execute(insert, ["a"]).catch((error: unknown) => error);
    await client.execute(insert, ["b"]);

    expect(prepare.mock.calls.filter(([sql]) => sql === insert)).toHaveLength(1);
    expect(failure).toBeInstanceOf(LibsqlError);
    expect(failure).toMatchObject({ code: "SQLITE_CONSTRAINT", extendedCode: "SQLITE_CONSTRAINT_UNIQUE" });
    expect((failure as Error).message).toContain("UNIQUE constraint failed: items.name");
    expect(await names()).toEqual(["a", "b"]);
  });

  it("reports what a write changed", async () => {
    const inserted = await client.execute("INSERT INTO items (name) VALUES ('a'), ('b')");
    expect([inserted.rowsAffected, inserted.lastInsertRowid]).toEqual([2, 2n]);
    expect((await client.execute("DELETE FROM items")).rowsAffected).toBe(2);
  });

  it("sees a column added by a script on every connection: the statements they kept are dropped", async () => {
    await client.execute("INSERT INTO items (name) VALUES ('a')");
    const before = await client.transaction("read"); // its connection keeps the statement, and goes back idle
    expect((await before.execute("SELECT * FROM items")).columns).toEqual(["id", "name", "size"]);
    before.close();
    expect((await client.execute("SELECT * FROM items")).columns).toEqual(["id", "name", "size"]);

    await client.executeMultiple("ALTER TABLE items ADD COLUMN note TEXT; UPDATE items SET note = 'x';");

    const result = await client.execute("SELECT * FROM items");
    expect(result.columns).toEqual(["id", "name", "size", "note"]);
    expect(result.rows[0].note).toBe("x");
    const after = await client.transaction("read");
    expect((await after.execute("SELECT * FROM items")).rows[0].note).toBe("x");
    after.close();
  });

  it("sees the schema a migration made, on the connections of transactions too", async () => {
    const before = await client.transaction("read");
    expect((await before.execute("SELECT * FROM items")).columns).toEqual(["id", "name", "size"]);
    before.close();

    await client.migrate(["ALTER TABLE items ADD COLUMN note TEXT"]);

    const after = await client.transaction("read");
    expect((await after.execute("SELECT * FROM items")).columns).toEqual(["id", "name", "size", "note"]);
    after.close();
  });

  it("runs a batch atomically: a failing statement undoes the ones before it", async () => {
    await expect(
      client.batch([
        { sql: "INSERT INTO items (name) VALUES (?)", args: ["a"] },
        ["INSERT INTO items (name) VALUES (?)", ["a"]],
      ]),
    ).rejects.toThrow("UNIQUE constraint failed");
    expect(await names()).toEqual([]);
    const results = await client.batch(["INSERT INTO items (name) VALUES ('b')", "SELECT count(*) AS n FROM items"]);
    expect(results[1].rows[0].n).toBe(1);
  });

  it("keeps an interactive transaction on its own connection until it commits", async () => {
    const tx = await client.transaction("write");
    await tx.execute({ sql: "INSERT INTO items (name) VALUES (?)", args: ["a"] });
    expect((await tx.execute("SELECT name FROM items")).rows).toHaveLength(1);
    expect(await names()).toEqual([]); // not committed: invisible beside it

    await tx.commit();
    expect(tx.closed).toBe(true);
    expect(await names()).toEqual(["a"]);
    await expect(tx.execute("SELECT 1")).rejects.toMatchObject({ code: "TRANSACTION_CLOSED" });
    await expect(tx.commit()).rejects.toMatchObject({ code: "TRANSACTION_CLOSED" });
  });

  it("undoes a transaction that rolls back or is closed, and hands its connection to the next one", async () => {
    const first = await client.transaction("write");
    await first.execute("INSERT INTO items (name) VALUES ('a')");
    await first.rollback();
    await first.rollback(); // a second time is harmless

    const second = await client.transaction("write"); // would wait out the busy timeout had the first kept its lock
    await second.execute("INSERT INTO items (name) VALUES ('b')");
    second.close();

    expect(await names()).toEqual([]);
  });

  it("reports a transaction still open after its event-loop turn, with where it began, and not one that ended", async () => {
    const heldOpen: string[] = [];
    const watched = new EmbeddedClient(file, 1000, (begunAt) => heldOpen.push(begunAt));
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    try {
      const quick = await watched.transaction("write");
      await quick.execute("INSERT INTO items (name) VALUES ('a')");
      await quick.commit();
      await nextTurn();
      expect(heldOpen).toEqual([]);

      const slow = await watched.transaction("write");
      await new Promise((resolve) => setTimeout(resolve, 5)); // other I/O inside the transaction
      await slow.commit();
      expect(heldOpen).toHaveLength(1);
      expect(heldOpen[0]).toContain("embedded-client.test.ts");
    } finally {
      watched.close();
    }
  });

  it("runs migrations in one transaction with foreign keys off, and turns them back on", async () => {
    await expect(
      client.migrate(["CREATE TABLE other (id INTEGER PRIMARY KEY)", "INSERT INTO missing VALUES (1)"]),
    ).rejects.toThrow("no such table: missing");
    expect((await client.execute("SELECT name FROM sqlite_master WHERE name = 'other'")).rows).toHaveLength(0);

    await client.migrate(["CREATE TABLE other (id INTEGER PRIMARY KEY)"]);
    expect((await client.execute("PRAGMA foreign_keys")).rows[0][0]).toBe(1);
  });

  it("says it is closed instead of reaching a closed connection", async () => {
    const tx = await client.transaction("write");
    client.close();
    await expect(client.execute("SELECT 1")).rejects.toMatchObject({ code: "CLIENT_CLOSED" });
    await expect(client.transaction()).rejects.toMatchObject({ code: "CLIENT_CLOSED" });
    expect(tx.closed).toBe(true);
    await expect(tx.commit()).rejects.toMatchObject({ code: "TRANSACTION_CLOSED" });

    await client.reconnect();
    expect(await names()).toEqual([]);
  });
});
