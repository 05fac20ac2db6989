// Applying the provisioning file: each entry is created once and remembered by its provisioningId; at the next start
// an unchanged entry is left alone (its keyed hash matches) and a changed one is updated in place, never duplicated.
// Entries act as the instance's first administrator within their organization. Before anyone has signed up there
// is no organization to put them in: they are applied right after the first user is created.
import { createHash } from "node:crypto";
import { and, asc, eq, or } from "drizzle-orm";
import { database } from "@/db/client";
import { members, organizations, provisionedResources, users } from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { publicUser } from "@/server/auth/sessions.service";
import { getConfig } from "@/server/config";
import { AppError } from "@/server/http/errors";
import { getLogger } from "@/server/logging/logger";
import { ADAPTERS, type Resolved } from "./provisioned-kinds";
import {
  loadProvisioningFile,
  type ProvisionedEntry,
  ProvisioningError,
  type ProvisioningPlan,
} from "./provisioning-file";

export { ProvisioningError };

export type ProvisioningSummary = { created: number; updated: number; unchanged: number };

async function firstAdmin() {
  const db = await database();
  const [admin] = await db
    .select()
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.banned, false)))
    .orderBy(asc(users.createdAt))
    .limit(1);
  return admin ?? null;
}

async function organizationOf(reference: string | undefined, adminId: string): Promise<string> {
  const db = await database();
  if (reference) {
    const [org] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(or(eq(organizations.id, reference), eq(organizations.slug, reference)));
    if (!org) throw new ProvisioningError(`organization: no organization with id or slug "${reference}"`);
    return org.id;
  }
  const [membership] = await db
    .select({ id: members.organizationId })
    .from(members)
    .where(eq(members.userId, adminId))
    .orderBy(asc(members.createdAt))
    .limit(1);
  return membership.id;
}

async function mappingOf(entry: ProvisionedEntry) {
  const db = await database();
  const [row] = await db
    .select()
    .from(provisionedResources)
    .where(
      and(eq(provisionedResources.kind, entry.kind), eq(provisionedResources.provisioningId, entry.provisioningId)),
    );
  return row ?? null;
}

async function remember(entry: ProvisionedEntry, organizationId: string, resourceKey: string, appliedHash: string) {
  const db = await database();
  const values = { organizationId, resourceKey, appliedHash };
  await db
    .insert(provisionedResources)
    .values({ kind: entry.kind, provisioningId: entry.provisioningId, ...values })
    .onConflictDoUpdate({ target: [provisionedResources.kind, provisionedResources.provisioningId], set: values });
}

/** Schedules' references become the shortIds and ids the referenced entries were created as. */
async function resolveRefs(entry: ProvisionedEntry): Promise<{ body: Record<string, unknown>; resolved: Resolved }> {
  const { refs } = entry;
  if (!refs) return { body: entry.body, resolved: {} };
  const key = async (kind: "volume" | "repository" | "destination", provisioningId: string) =>
    (await mappingOf({ ...entry, kind, provisioningId }))!.resourceKey;
  const body = {
    ...entry.body,
    volumeId: await key("volume", refs.volume),
    repositoryId: await key("repository", refs.repository),
  };
  if (!refs.notifications) return { body, resolved: {} };
  const assignments = await Promise.all(
    refs.notifications.map(async ({ destination, ...flags }) => ({
      ...flags,
      destinationId: Number(await key("destination", destination)),
    })),
  );
  return { body, resolved: { assignments } };
}

async function applyEntry(entry: ProvisionedEntry, auth: AuthContext): Promise<keyof ProvisioningSummary> {
  const adapter = ADAPTERS[entry.kind];
  const mapping = await mappingOf(entry);
  const present = mapping?.organizationId === auth.organizationId && (await adapter.exists(auth, mapping.resourceKey));
  const { body, resolved } = await resolveRefs(entry);
  // A schedule is applied again when what it points at was recreated under a new id, even if its entry is unchanged.
  const applied = entry.refs
    ? createHash("sha256")
        .update(`${entry.hash}:${body.volumeId}:${body.repositoryId}:${JSON.stringify(resolved)}`)
        .digest("hex")
    : entry.hash;
  if (present && mapping.appliedHash === applied) return "unchanged";
  if (present) {
    await adapter.update(auth, mapping.resourceKey, entry, body, resolved);
    await remember(entry, auth.organizationId, mapping.resourceKey, applied);
    return "updated";
  }
  await remember(entry, auth.organizationId, await adapter.create(auth, entry, body, resolved), applied);
  return "created";
}

/** A service's refusal (4xx) means the file asks for something impossible: one line naming the entry. */
function entryError(entry: ProvisionedEntry, error: unknown): Error {
  const section = {
    volume: "volumes",
    repository: "repositories",
    destination: "notifications",
    schedule: "schedules",
  };
  if (error instanceof AppError && error.status < 500)
    return new ProvisioningError(`${section[entry.kind]} (${entry.provisioningId}): ${error.message}`);
  return error as Error;
}

export async function applyProvisioningPlan(plan: ProvisioningPlan): Promise<ProvisioningSummary | null> {
  const admin = await firstAdmin();
  if (!admin) return null;
  const summary: ProvisioningSummary = { created: 0, updated: 0, unchanged: 0 };
  for (const entry of plan.entries) {
    const organizationId = await organizationOf(entry.organization, admin.id);
    const auth: AuthContext = { user: publicUser(admin), organizationId, memberRole: "owner", method: "session" };
    try {
      summary[await applyEntry(entry, auth)]++;
    } catch (error) {
      throw entryError(entry, error);
    }
  }
  return summary;
}

const inFile = (file: string, error: unknown) =>
  error instanceof ProvisioningError ? new ProvisioningError(`PROVISIONING_PATH ${file}: ${error.message}`) : error;

/** Start-up, before the server listens: a broken file throws ProvisioningError and the start stops. */
export function readProvisioningAtStart(): ProvisioningPlan | null {
  const file = getConfig().provisioningPath;
  if (!file) return null;
  try {
    return loadProvisioningFile(file);
  } catch (error) {
    throw inFile(file, error);
  }
}

/** Start-up, once volumes are up; with no user yet the entries wait for the first sign-up. */
export async function applyProvisioningAtStart(plan: ProvisioningPlan): Promise<void> {
  const summary = await applyProvisioningPlan(plan).catch((error) => {
    throw inFile(plan.file, error);
  });
  const log = getLogger();
  if (summary) log.info({ file: plan.file, ...summary }, "provisioning applied");
  else log.warn({ file: plan.file }, "provisioning waits for the first user to sign up (entries need an organization)");
}

/** After the first sign-up: the entries that had nowhere to go at start-up. A failure is logged, not the user's. */
export async function applyProvisioningForFirstUser(): Promise<void> {
  const file = getConfig().provisioningPath;
  if (!file) return;
  try {
    const summary = await applyProvisioningPlan(loadProvisioningFile(file));
    getLogger().info({ file, ...summary }, "provisioning applied for the first user");
  } catch (error) {
    getLogger().error({ err: error, file }, "could not apply the provisioning file");
  }
}
