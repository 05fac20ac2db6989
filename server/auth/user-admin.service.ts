// What an instance admin does to other users' accounts: ban (sessions and API keys stop working at once), role
// changes, removal. Only the admin CLI offers these today; each is recorded in the audit log.
import { and, count, eq, ne } from "drizzle-orm";
import { database } from "@/db/client";
import { members, organizations, users } from "@/db/schema";
import { recordAudit } from "@/server/audit/audit.service";
import { ConflictError, NotFoundError } from "@/server/http/errors";
import { forgetResolvedCredentials } from "./credential-cache";
import { revokeUserSessions } from "./sessions.service";
import { setPassword } from "./users.service";

type UserRow = typeof users.$inferSelect;

async function loadUser(userId: string): Promise<UserRow> {
  const db = await database();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new NotFoundError("User not found");
  return user;
}

/** Refuses what would leave the instance without an administrator who can sign in. */
async function assertAnotherAdmin(user: UserRow): Promise<void> {
  if (user.role !== "admin") return;
  const db = await database();
  const [{ n }] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.banned, false), ne(users.id, user.id)));
  if (n === 0) throw new ConflictError(`${user.username} is the last administrator`);
}

/** An administrator sets a new password for someone; all their sessions end. */
export async function resetPassword(userId: string, password: string): Promise<void> {
  const user = await loadUser(userId);
  await setPassword(userId, password);
  await recordAudit({ action: "user.password_reset", target: user.username, details: { userId } });
}

export async function setUserBanned(userId: string, banned: boolean): Promise<void> {
  const user = await loadUser(userId);
  if (banned) await assertAnotherAdmin(user);
  const db = await database();
  await db.update(users).set({ banned }).where(eq(users.id, userId));
  // Remembered resolutions of their API keys (and sessions) must not outlive the ban.
  forgetResolvedCredentials();
  if (banned) await revokeUserSessions(userId);
  await recordAudit({ action: banned ? "user.ban" : "user.unban", target: user.username, details: { userId } });
}

export async function setUserRole(userId: string, role: UserRow["role"]): Promise<void> {
  const user = await loadUser(userId);
  if (user.role === role) return;
  if (role !== "admin") await assertAnotherAdmin(user);
  const db = await database();
  await db.update(users).set({ role }).where(eq(users.id, userId));
  forgetResolvedCredentials();
  await recordAudit({
    action: "user.role_change",
    target: user.username,
    details: { userId, from: user.role, to: role },
  });
}

/**
 * Removes the user with their sessions, API keys and memberships, and the organizations they were the only member
 * of (with those organizations' records; backup data in the repositories is not touched).
 */
export async function deleteUser(userId: string): Promise<{ deletedOrganizations: number }> {
  const user = await loadUser(userId);
  await assertAnotherAdmin(user);
  const db = await database();
  const owned = await db.select({ id: members.organizationId }).from(members).where(eq(members.userId, userId));
  let deletedOrganizations = 0;
  await db.transaction(async (tx) => {
    for (const { id } of owned) {
      const [{ n }] = await tx.select({ n: count() }).from(members).where(eq(members.organizationId, id));
      if (n > 1) continue;
      await tx.delete(organizations).where(eq(organizations.id, id));
      deletedOrganizations++;
    }
    await tx.delete(users).where(eq(users.id, userId));
  });
  forgetResolvedCredentials();
  await recordAudit({
    action: "user.delete",
    target: user.username,
    details: { userId, email: user.email, deletedOrganizations },
  });
  return { deletedOrganizations };
}
