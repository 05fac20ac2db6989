import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";

/** Accounts of the built-in restic REST server (HTTP Basic auth on `/rest/`), separate from app users. */
export const restUsers = sqliteTable("rest_users", {
  id: text("id").primaryKey(),
  username: text("username").notNull().unique(),
  /** bcrypt; `$2a$`/`$2b$`/`$2y$` all verify, so hashes imported from htpasswd files work too. */
  passwordHash: text("password_hash").notNull(),
  /** Only repositories under `/<username>/` are reachable. */
  privateRepos: integer("private_repos", { mode: "boolean" }).notNull().default(true),
  /** No deletes except lock files. */
  appendOnly: integer("append_only", { mode: "boolean" }).notNull().default(false),
  /** Limit on the bytes stored under `/<username>/`; null means unlimited. */
  quotaBytes: integer("quota_bytes"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
