import { randomUUID } from "node:crypto";
import { count, eq, or } from "drizzle-orm";
import type { z } from "zod";
import { database } from "@/db/client";
import { accounts, appMetadata, users } from "@/db/schema";
import { recordAudit } from "@/server/audit/audit.service";
import { currentActor } from "@/server/audit/audit-actor";
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from "@/server/http/errors";
import { createPersonalOrganization } from "@/server/organizations/organizations.service";
import { applyProvisioningForFirstUser } from "@/server/provisioning/provisioning.service";
import type { signUpBodySchema } from "./auth.schema";
import type { AuthContext } from "./auth-context";
import { limitCredentialCheck } from "./credential-limiter";
import { hashPassword, verifyPassword } from "./passwords";
import { publicUser, revokeUserSessions } from "./sessions.service";

const CREDENTIAL = "credential";
const REGISTRATIONS_KEY = "registrations_enabled";

export type SignUpInput = z.output<typeof signUpBodySchema>;

export async function hasUsers(): Promise<boolean> {
  const db = await database();
  const [row] = await db.select({ n: count() }).from(users);
  return row.n > 0;
}

export async function isRegistrationEnabled(): Promise<boolean> {
  const db = await database();
  const [row] = await db.select().from(appMetadata).where(eq(appMetadata.key, REGISTRATIONS_KEY));
  return row?.value === "true";
}

export async function setRegistrationEnabled(enabled: boolean): Promise<void> {
  const db = await database();
  await db
    .insert(appMetadata)
    .values({ key: REGISTRATIONS_KEY, value: String(enabled) })
    .onConflictDoUpdate({ target: appMetadata.key, set: { value: String(enabled) } });
}

function usernameFromEmail(email: string): string {
  const base = email
    .split("@")[0]
    .replace(/[^a-z0-9_.-]/g, "")
    .slice(0, 24);
  return base.length >= 2 ? base : `user-${base}`;
}

/**
 * Self-service and admin sign-up. The first user of the instance becomes its admin; later sign-ups need an admin
 * caller or open registrations.
 */
export async function signUp(input: SignUpInput, actor: AuthContext | null = null) {
  const firstUser = !(await hasUsers());
  if (!firstUser && actor?.user.role !== "admin" && !(await isRegistrationEnabled())) {
    throw new ForbiddenError("User registrations are currently disabled. Ask an administrator to create your account.");
  }
  const user = await createUser(input, firstUser ? "admin" : "user");
  // Provisioned resources need an organization; the first user's is the first there is.
  if (firstUser) await applyProvisioningForFirstUser();
  return user;
}

/** Creates a user with a password and a workspace of their own (no policy check: the admin CLI calls this). */
export async function createUser(input: SignUpInput, role: "admin" | "user") {
  const db = await database();
  const username = input.username ?? usernameFromEmail(input.email);
  const [existing] = await db
    .select({ email: users.email })
    .from(users)
    .where(or(eq(users.email, input.email), eq(users.username, username)));
  if (existing) {
    throw new ConflictError(
      existing.email === input.email ? "A user with this email already exists" : "This username is taken",
    );
  }
  const id = randomUUID();
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.insert(users).values({ id, email: input.email, username, name: input.name, role });
    await tx
      .insert(accounts)
      .values({ id: randomUUID(), userId: id, providerId: CREDENTIAL, accountId: id, passwordHash });
    await createPersonalOrganization(tx, { id, name: input.name, username });
  });
  // A self-service sign-up has no caller yet: the new user is the actor.
  const selfService = currentActor().actorName === "anonymous";
  await recordAudit({
    action: "user.create",
    target: username,
    details: { userId: id, email: input.email, role },
    ...(selfService && { actor: { actorId: id, actorName: username } }),
  });
  return getUser(id);
}

export async function getUser(id: string) {
  const db = await database();
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user) throw new NotFoundError("User not found");
  return publicUser(user);
}

export async function listUsers() {
  const db = await database();
  return (await db.select().from(users).orderBy(users.createdAt)).map(publicUser);
}

export async function findUserByLogin(login: { email?: string; username?: string }) {
  const db = await database();
  const condition = login.email ? eq(users.email, login.email) : eq(users.username, login.username ?? "");
  const [user] = await db.select().from(users).where(condition);
  return user ?? null;
}

async function credentialHash(userId: string | null): Promise<string | null> {
  if (userId === null) return null;
  const db = await database();
  const [account] = await db.select().from(accounts).where(eq(accounts.userId, userId));
  return account?.providerId === CREDENTIAL ? account.passwordHash : null;
}

/** The limiter's name for a user's password: the same whether they sign in by email or by username. */
export const passwordAccount = (userId: string) => `password:${userId}`;

/**
 * Checks a user's own password under the credential limiter. An unknown user (null) costs the same bcrypt work
 * against a dummy hash and answers false, so neither the answer nor its timing tells whether the account exists.
 */
export async function checkUserPassword(
  userId: string | null,
  password: string,
  attempt: { ip: string; account: string },
): Promise<boolean> {
  return limitCredentialCheck({ ...attempt, secret: password }, async () =>
    verifyPassword(password, await credentialHash(userId)),
  );
}

/** Re-confirmation of the caller's password before a sensitive change. */
export async function requireUserPassword(caller: Pick<AuthContext, "user" | "clientIp">, password: string) {
  const userId = caller.user.id;
  if (!(await credentialHash(userId))) throw new ForbiddenError("A local password is required for this action");
  const attempt = { ip: caller.clientIp ?? "unknown", account: passwordAccount(userId) };
  if (!(await checkUserPassword(userId, password, attempt))) throw new UnauthorizedError("Invalid password");
}

/** Sets a new password and ends the user's other sessions (all of them when `keepSessionId` is absent). */
export async function setPassword(userId: string, newPassword: string, keepSessionId?: string): Promise<void> {
  const db = await database();
  const passwordHash = await hashPassword(newPassword);
  const updated = await db
    .update(accounts)
    .set({ passwordHash })
    .where(eq(accounts.userId, userId))
    .returning({ id: accounts.id });
  if (updated.length === 0) {
    await db
      .insert(accounts)
      .values({ id: randomUUID(), userId, providerId: CREDENTIAL, accountId: userId, passwordHash });
  }
  await revokeUserSessions(userId, { except: keepSessionId });
}

export async function changePassword(auth: AuthContext, currentPassword: string, newPassword: string) {
  await requireUserPassword(auth, currentPassword);
  await setPassword(auth.user.id, newPassword, auth.sessionId);
}
