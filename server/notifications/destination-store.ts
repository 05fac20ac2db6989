// Loading and saving destinations of an organization, and their API shape (secrets masked).
import { and, eq } from "drizzle-orm";
import { database } from "@/db/client";
import { notificationDestinations } from "@/db/schema";
import { NotFoundError } from "@/server/http/errors";
import { maskDestinationSecrets } from "./destination-secrets";
import type { DestinationDto } from "./notifications.schema";

export type DestinationRow = typeof notificationDestinations.$inferSelect;

export async function loadDestination(organizationId: string, id: number): Promise<DestinationRow> {
  const db = await database();
  const [row] = await db
    .select()
    .from(notificationDestinations)
    .where(and(eq(notificationDestinations.id, id), eq(notificationDestinations.organizationId, organizationId)));
  if (!row) throw new NotFoundError("Notification destination not found");
  return row;
}

export async function findDestination(id: number): Promise<DestinationRow | undefined> {
  const db = await database();
  const [row] = await db.select().from(notificationDestinations).where(eq(notificationDestinations.id, id));
  return row;
}

export async function updateDestinationRow(
  id: number,
  values: Partial<DestinationRow>,
): Promise<DestinationRow | null> {
  const db = await database();
  const [row] = await db
    .update(notificationDestinations)
    .set(values)
    .where(eq(notificationDestinations.id, id))
    .returning();
  return row ?? null;
}

export function toDestinationDto(row: DestinationRow): DestinationDto {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    enabled: row.enabled,
    type: row.type,
    config: maskDestinationSecrets(row.config),
    status: row.status,
    lastChecked: row.lastChecked,
    lastError: row.lastError,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
