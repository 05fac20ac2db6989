import { randomBytes, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { type Database, database } from "@/db/client";
import { members, organizations } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";
import { NotFoundError } from "@/server/http/errors";

type Tx = Pick<Database, "insert">;

/** Every user gets a workspace of their own with a fresh random restic password, owned by them. */
export async function createPersonalOrganization(tx: Tx, user: { id: string; name: string; username: string }) {
  const id = randomUUID();
  await tx.insert(organizations).values({
    id,
    name: `${user.name}'s Workspace`,
    slug: `${user.username}-${randomBytes(3).toString("hex")}`,
    resticPassword: encryptSecret(randomBytes(32).toString("hex")),
  });
  await tx.insert(members).values({ id: randomUUID(), organizationId: id, userId: user.id, role: "owner" });
  return id;
}

/** The organization's restic password in clear, for restic and the recovery-key download only. */
export async function getOrganizationResticPassword(organizationId: string): Promise<string> {
  const db = await database();
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new NotFoundError("Organization not found");
  return decryptSecret(org.resticPassword);
}

export async function findMembership(userId: string, organizationId?: string | null) {
  const db = await database();
  const condition = organizationId
    ? and(eq(members.userId, userId), eq(members.organizationId, organizationId))
    : eq(members.userId, userId);
  const [membership] = await db.select().from(members).where(condition).orderBy(members.createdAt).limit(1);
  return membership ?? null;
}
