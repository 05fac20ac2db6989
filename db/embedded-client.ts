// The client for the embedded database file, over `libsql`, the driver @libsql/client itself runs on. @libsql/client
// 0.18 prepares every statement anew on each execute and reads its column list twice; here each connection keeps its
// prepared statements, so a repeated query costs a bind and a step (the repositories list's query: 88 µs → 23 µs).
// It keeps the semantics drizzle relies on: rows indexed and named (names enumerable, indices not), integers as
// numbers (a RangeError past 2^53), SQLite errors as LibsqlError, and an interactive transaction on a connection of
// its own until it ends, while other statements go on beside it. A libSQL server URL still goes to @libsql/client.
import {
  type Client,
  type InArgs,
  type InStatement,
  type InValue,
  LibsqlError,
  type ResultSet,
  type Row,
  type Transaction,
  type TransactionMode,
} from "@libsql/client";
import Database from "libsql";

type Connection = InstanceType<typeof Database>;
type Statement = ReturnType<Connection["prepare"]>;
type Columns = { names: string[]; types: string[]; makeRow: (values: unknown[]) => Row };
/**
 * A prepared statement and, for one that returns rows, its columns. They are read after its first run: a statement
 * prepared inside a transaction, on a connection that has not yet seen another's schema change, describes the old
 * columns until it steps (SQLite re-prepares it then).
 */
type Prepared = { statement: Statement; reader: boolean; columns?: Columns };

/** Prepared statements kept per connection (the app runs a few dozen distinct ones; drizzle's SQL text is stable). */
const STATEMENTS_PER_CONNECTION = 256;
/** Connections kept open for the next interactive transaction once one ends. */
const IDLE_TRANSACTION_CONNECTIONS = 4;

const BEGIN: Record<TransactionMode, string> = {
  write: "BEGIN IMMEDIATE",
  read: "BEGIN TRANSACTION READONLY",
  deferred: "BEGIN DEFERRED",
};

/**
 * Counts the schema changes made through any of a client's connections. SQLite re-prepares a kept statement by itself
 * after one, but the column list kept beside it would be stale, so each connection drops its statements once it sees
 * the count move.
 */
type SchemaChanges = { count: number };

/** One connection and the statements prepared on it, most recently used last. */
class CachingConnection {
  readonly db: Connection;
  readonly #prepared = new Map<string, Prepared>();
  #schemaSeen: number;

  constructor(
    file: string,
    timeoutMs: number,
    private readonly schemaChanges: SchemaChanges,
  ) {
    this.db = new Database(file, { timeout: timeoutMs });
    this.#schemaSeen = schemaChanges.count;
  }

  execute(statement: InStatement | [string, InArgs?]): ResultSet {
    const [sql, args] = Array.isArray(statement)
      ? statement
      : typeof statement === "string"
        ? [statement]
        : [statement.sql, statement.args];
    try {
      const prepared = this.#prepare(sql);
      const { statement } = prepared;
      const values = toSqlArgs(args ?? []);
      if (prepared.reader) {
        const found = statement.all(values) as unknown[][];
        prepared.columns ??= describe(statement);
        const { names, types, makeRow } = prepared.columns;
        return resultSet(names, types, found.map(makeRow), 0, undefined);
      }
      const { changes, lastInsertRowid } = statement.run(values);
      return resultSet([], [], [], changes, BigInt(lastInsertRowid));
    } catch (error) {
      throw toLibsqlError(error);
    }
  }

  executeMultiple(sql: string): void {
    try {
      this.db.exec(sql);
    } catch (error) {
      throw toLibsqlError(error);
    } finally {
      this.schemaChanges.count++; // a script may change the schema, even one that failed halfway
    }
  }

  /** Rolls back a transaction left open; false when the connection is closed or unusable. */
  settle(): boolean {
    if (!this.db.open) return false; // reading inTransaction on a closed connection aborts the process
    if (!this.db.inTransaction) return true;
    try {
      this.execute("ROLLBACK");
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    this.#prepared.clear();
    if (this.db.open) this.db.close();
  }

  #prepare(sql: string): Prepared {
    if (this.#schemaSeen !== this.schemaChanges.count) {
      this.#prepared.clear();
      this.#schemaSeen = this.schemaChanges.count;
    }
    const kept = this.#prepared.get(sql);
    if (kept) {
      this.#prepared.delete(sql);
      this.#prepared.set(sql, kept);
      return kept;
    }
    const statement = this.db.prepare(sql);
    statement.safeIntegers(true);
    const prepared = { statement, reader: statement.reader };
    if (prepared.reader) statement.raw(true);
    this.#prepared.set(sql, prepared);
    if (this.#prepared.size > STATEMENTS_PER_CONNECTION) this.#prepared.delete(this.#prepared.keys().next().value!);
    return prepared;
  }
}

export class EmbeddedClient implements Client {
  readonly protocol = "file";
  closed = false;
  #main: CachingConnection | null = null;
  readonly #idle: CachingConnection[] = [];
  readonly #inTransactions = new Set<CachingConnection>();
  readonly #schemaChanges: SchemaChanges = { count: 0 };

  constructor(
    private readonly file: string,
    private readonly timeoutMs: number,
    /** Told where a transaction began that was still open after its event-loop turn (see transaction()). */
    private readonly onHeldOpen?: (begunAt: string) => void,
  ) {
    this.#connection(); // fail at once if the file cannot be opened
  }

  // Statements, batches and migrations run synchronously on the one shared connection, so nothing interleaves with
  // them; only an interactive transaction, which spans awaits, needs a connection of its own.
  execute(statement: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  async execute(statement: InStatement, args?: InArgs): Promise<ResultSet> {
    return this.#connection().execute(typeof statement === "string" ? [statement, args] : statement);
  }

  async batch(statements: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = "deferred") {
    return this.#inTransaction(this.#connection(), BEGIN[mode], statements);
  }

  async migrate(statements: InStatement[]): Promise<ResultSet[]> {
    const connection = this.#connection();
    connection.execute("PRAGMA foreign_keys=off");
    try {
      return this.#inTransaction(connection, BEGIN.deferred, statements);
    } finally {
      connection.execute("PRAGMA foreign_keys=on");
      this.#schemaChanges.count++;
    }
  }

  // The driver is synchronous: an interactive transaction must await nothing but its own statements. While one waits
  // on other I/O, any other write (another BEGIN IMMEDIATE, a plain statement) blocks the event loop for the busy
  // timeout, during which the open transaction cannot go on, and then fails. Its statements resolve as microtasks, so
  // one that keeps the rule has ended before the loop's next turn: one still open then is reported to onHeldOpen.
  async transaction(mode: TransactionMode = "write"): Promise<Transaction> {
    this.#checkOpen();
    const connection = this.#idle.pop() ?? this.#open();
    try {
      connection.execute(BEGIN[mode]);
    } catch (error) {
      this.#release(connection);
      throw error;
    }
    this.#inTransactions.add(connection);
    const transaction = new EmbeddedTransaction(connection, () => this.#release(connection));
    const { onHeldOpen } = this;
    if (onHeldOpen) {
      const begunAt = new Error("transaction begun").stack ?? "";
      setImmediate(() => {
        if (!transaction.closed) onHeldOpen(begunAt);
      });
    }
    return transaction;
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#connection().executeMultiple(sql);
  }

  async sync(): Promise<undefined> {
    throw new LibsqlError("Only an embedded replica syncs, and this database is a plain file", "SYNC_NOT_SUPPORTED");
  }

  async reconnect(): Promise<void> {
    this.close();
    this.closed = false;
  }

  close(): void {
    this.closed = true;
    for (const connection of [this.#main, ...this.#idle, ...this.#inTransactions]) connection?.close();
    this.#main = null;
    this.#idle.length = 0;
    this.#inTransactions.clear();
  }

  #connection(): CachingConnection {
    this.#checkOpen();
    this.#main ??= this.#open();
    return this.#main;
  }

  #open(): CachingConnection {
    return new CachingConnection(this.file, this.timeoutMs, this.#schemaChanges);
  }

  #inTransaction(connection: CachingConnection, begin: string, statements: Array<InStatement | [string, InArgs?]>) {
    connection.execute(begin);
    try {
      const results = statements.map((statement) => connection.execute(statement));
      connection.execute("COMMIT");
      return results;
    } finally {
      connection.settle();
    }
  }

  #release(connection: CachingConnection): void {
    this.#inTransactions.delete(connection);
    if (!this.closed && connection.settle() && this.#idle.length < IDLE_TRANSACTION_CONNECTIONS) {
      this.#idle.push(connection);
    } else connection.close();
  }

  #checkOpen(): void {
    if (this.closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
  }
}

/** An interactive transaction: its connection goes back once it commits, rolls back or closes. */
class EmbeddedTransaction implements Transaction {
  #connection: CachingConnection | null;

  constructor(
    connection: CachingConnection,
    private readonly release: () => void,
  ) {
    this.#connection = connection;
  }

  get closed(): boolean {
    const db = this.#connection?.db;
    return !db?.open || !db.inTransaction;
  }

  async execute(statement: InStatement): Promise<ResultSet> {
    return this.#open().execute(statement);
  }

  async batch(statements: InStatement[]): Promise<ResultSet[]> {
    return statements.map((statement) => this.#open().execute(statement));
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#open().executeMultiple(sql);
  }

  async commit(): Promise<void> {
    try {
      this.#open().execute("COMMIT");
    } finally {
      this.close();
    }
  }

  async rollback(): Promise<void> {
    this.close(); // settling rolls back whatever is still open
  }

  close(): void {
    if (this.#connection === null) return;
    this.#connection = null;
    this.release();
  }

  #open(): CachingConnection {
    if (this.closed) throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
    return this.#connection!;
  }
}

function describe(statement: Statement): Columns {
  const names = statement.columns().map((column) => column.name);
  const types = statement.columns().map((column) => column.type ?? "");
  return { names, types, makeRow: rowMaker(names) };
}

function resultSet(
  columns: string[],
  columnTypes: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({
      columns,
      columnTypes,
      rows: rows.map((row) => Array.from(row as ArrayLike<unknown>)),
      rowsAffected,
      lastInsertRowid: lastInsertRowid === undefined ? null : `${lastInsertRowid}`,
    }),
  };
}

const VALUES = Symbol("row values");
type RowValues = { [VALUES]: unknown[] };

/**
 * Builds rows as @libsql/client does: `row[i]` and `row.length` not enumerable, `row[name]` enumerable (the first column
 * of a name wins). A blob stays the Buffer libsql returns (drizzle takes a Buffer as it is). The indices and the length
 * live on a prototype shared by the statement's rows, so a row costs one object with plain properties (defining each
 * index on every row took as long as SQLite's own step for the repositories list).
 */
function rowMaker(names: string[]): (values: unknown[]) => Row {
  const shape = {};
  Object.defineProperty(shape, "length", { value: names.length });
  for (let i = 0; i < names.length; i++) {
    Object.defineProperty(shape, i, {
      get(this: RowValues) {
        return this[VALUES][i];
      },
    });
  }
  // Named properties for the first column of each name, unless the name is taken by an index or the length.
  const named = names.flatMap((name, i) =>
    names.indexOf(name) === i && !Object.hasOwn(shape, name) ? [{ name, i }] : [],
  );
  return (found) => {
    const values = found.map(fromSql);
    const row = Object.create(shape) as RowValues & Record<string, unknown>;
    Object.defineProperty(row, VALUES, { value: values });
    for (const { name, i } of named) row[name] = values[i];
    return row as unknown as Row;
  };
}

function fromSql(value: unknown): unknown {
  if (typeof value !== "bigint") return value;
  if (value < BigInt(Number.MIN_SAFE_INTEGER) || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
  }
  return Number(value);
}

function toSqlArgs(args: InArgs): unknown[] | Record<string, unknown> {
  if (Array.isArray(args)) return args.map(toSql);
  // Named arguments, with or without their prefix (`:name`, `@name`, `$name`).
  return Object.fromEntries(Object.entries(args).map(([name, value]) => [name.replace(/^[:@$]/, ""), toSql(value)]));
}

function toSql(value: InValue): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return value;
}

/** A SQLite error as @libsql/client reports it: `code` the primary code, `extendedCode` the precise one. */
function toLibsqlError(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const primary = error.code.split("_").slice(0, 2).join("_");
  return new LibsqlError(error.message, primary, error.code, error.rawCode, error);
}
