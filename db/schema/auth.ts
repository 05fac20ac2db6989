import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  username: text("username").notNull().unique(),
  name: text("name").notNull(),
  /** Instance role: `admin` manages users and instance settings. */
  role: text("role", { enum: ["admin", "user"] })
    .notNull()
    .default("user"),
  twoFactorEnabled: integer("two_factor_enabled", { mode: "boolean" }).notNull().default(false),
  hasDownloadedResticPassword: integer("has_downloaded_restic_password", { mode: "boolean" }).notNull().default(false),
  banned: integer("banned", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Ways to sign in. `credential` rows hold the bcrypt password hash; SSO providers will add their own rows. */
export const accounts = sqliteTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    providerId: text("provider_id").notNull(),
    accountId: text("account_id").notNull(),
    passwordHash: text("password_hash"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("accounts_provider_account").on(t.providerId, t.accountId), index("accounts_user").on(t.userId)],
);

/** Server-side half of a session: the JWT cookie names a row here, so deleting the row revokes it at once. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    activeOrganizationId: text("active_organization_id"),
    expiresAt: integer("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const organizations = sqliteTable("organizations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  /** The organization's restic password, encrypted with APP_SECRET. */
  resticPassword: text("restic_password").notNull(),
  createdAt: createdAt(),
});

export const members = sqliteTable(
  "members",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "admin", "member", "viewer"] }).notNull(),
    createdAt: createdAt(),
  },
  // The unique index leads with the organization; a user's memberships (every session check) need their own.
  (t) => [uniqueIndex("members_org_user").on(t.organizationId, t.userId), index("members_user").on(t.userId)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The first characters of the key, to tell keys apart in lists. */
    start: text("start").notNull(),
    /** SHA-256 of the whole key; the key itself is shown once and never stored. */
    keyHash: text("key_hash").notNull().unique(),
    expiresAt: integer("expires_at"),
    lastRequestAt: integer("last_request_at"),
    createdAt: createdAt(),
  },
  (t) => [index("api_keys_user").on(t.userId)],
);

export const twoFactor = sqliteTable("two_factor", {
  id: text("id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: "cascade" }),
  /** TOTP secret, encrypted with APP_SECRET. */
  secret: text("secret").notNull(),
  /** JSON array of SHA-256 hashes of the unused backup codes. */
  backupCodes: text("backup_codes", { mode: "json" }).$type<string[]>().notNull(),
  /** False until the user proves the authenticator works with a first code. */
  verified: integer("verified", { mode: "boolean" }).notNull().default(false),
  /** The TOTP time step of the last accepted code; a code is good once, and never for an older step. */
  lastUsedStep: integer("last_used_step"),
  createdAt: createdAt(),
});
