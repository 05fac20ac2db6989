// Notification destinations of an organization: create, read, change, delete, test (reference §1.7). A config is
// proved deliverable (its channel's own checks, the outbound allow-list) before it is saved.
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { database } from "@/db/client";
import { notificationDestinations } from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { AppError, BadRequestError } from "@/server/http/errors";
import { assertOriginAllowed } from "@/server/http/outbound-allow-list";
import { deliver } from "./delivery.service";
import { planDelivery } from "./delivery-plan";
import type { DestinationConfig } from "./destination-config.schema";
import {
  assertDestinationSecretsReentered,
  decryptDestinationSecrets,
  encryptDestinationSecrets,
  resolveMasks,
} from "./destination-secrets";
import { loadDestination, toDestinationDto, updateDestinationRow } from "./destination-store";
import { testMessage } from "./notification-message";
import type { createDestinationBodySchema, updateDestinationBodySchema } from "./notifications.schema";

type CreateInput = z.output<typeof createDestinationBodySchema>;
type UpdateInput = z.output<typeof updateDestinationBodySchema>;

function assertDeliverable(config: DestinationConfig): void {
  const { guardedUrl } = planDelivery(config);
  if (guardedUrl) assertOriginAllowed(guardedUrl);
}

export async function listDestinations(auth: AuthContext) {
  const db = await database();
  const rows = await db
    .select()
    .from(notificationDestinations)
    .where(eq(notificationDestinations.organizationId, auth.organizationId))
    .orderBy(asc(notificationDestinations.name), asc(notificationDestinations.id));
  return rows.map(toDestinationDto);
}

export async function getDestination(auth: AuthContext, id: number) {
  return toDestinationDto(await loadDestination(auth.organizationId, id));
}

export async function createDestination(auth: AuthContext, input: CreateInput) {
  const config = resolveMasks(input.config, null);
  assertDeliverable(config);
  const db = await database();
  const [row] = await db
    .insert(notificationDestinations)
    .values({
      organizationId: auth.organizationId,
      name: input.name,
      enabled: input.enabled,
      type: config.type,
      config: encryptDestinationSecrets(config),
    })
    .returning();
  return toDestinationDto(row);
}

/** A changed config is checked again and starts over as `unknown`: the old status described the old settings. */
export async function updateDestination(auth: AuthContext, id: number, input: UpdateInput) {
  const row = await loadDestination(auth.organizationId, id);
  const changes: Partial<typeof row> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.enabled !== undefined) changes.enabled = input.enabled;
  if (input.config) {
    const stored = decryptDestinationSecrets(row.config);
    const config = resolveMasks(input.config, stored);
    if (JSON.stringify(config) !== JSON.stringify(stored)) {
      // A destination that may not be reached at all is the first thing to say, before asking for its secrets.
      assertDeliverable(config);
      assertDestinationSecretsReentered(row.config, input.config);
      Object.assign(changes, {
        type: config.type,
        config: encryptDestinationSecrets(config),
        status: "unknown",
        lastChecked: null,
        lastError: null,
      });
    }
  }
  if (Object.keys(changes).length === 0) return toDestinationDto(row);
  return toDestinationDto((await updateDestinationRow(row.id, changes)) ?? row);
}

export async function deleteDestination(auth: AuthContext, id: number) {
  const row = await loadDestination(auth.organizationId, id);
  const db = await database();
  await db
    .delete(notificationDestinations)
    .where(
      and(eq(notificationDestinations.id, row.id), eq(notificationDestinations.organizationId, auth.organizationId)),
    );
  return { message: "Notification destination deleted" };
}

/** Sends the test message now (even to a disabled destination) and answers with the outcome. */
export async function testDestination(auth: AuthContext, id: number) {
  const row = await loadDestination(auth.organizationId, id);
  const outcome = await deliver(row, testMessage(row.name));
  if (outcome.ok) return { success: true as const };
  if (outcome.refused) throw new BadRequestError(outcome.error);
  throw new AppError(502, `Failed to send test notification: ${outcome.error}`);
}
