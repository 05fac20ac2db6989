// A failed integrity check is told to whoever hears about the repository's backup failures: every enabled
// destination assigned with failure to any schedule that backs up into it (each destination once), in the background
// through the notifications' delivery queue, so a slow channel never holds the check up.
import { eq } from "drizzle-orm";
import { database } from "@/db/client";
import { backupSchedules } from "@/db/schema";
import { subscribedDestinations } from "@/server/notifications/assignments.service";
import { enqueueDelivery, inBackground } from "@/server/notifications/delivery-queue";
import type { NotificationMessage } from "@/server/notifications/notification-message";
import type { RepositoryRow } from "@/server/repositories/repository-store";
import type { CheckResultRow } from "./check-store";

const MAX_LISTED_ERRORS = 10;

export function checkFailureMessage(
  repository: Pick<RepositoryRow, "name">,
  check: CheckResultRow,
): NotificationMessage {
  const lines = [
    `Repository: ${repository.name}`,
    `Check: ${check.readDataSubset ? `structure and pack data group ${check.readDataSubset}` : "structure"}`,
    ...(check.packsRead !== null ? [`Packs read: ${check.packsRead}`] : []),
    "",
    "Errors:",
    ...check.errors.slice(0, MAX_LISTED_ERRORS).map((error) => `- ${error}`),
  ];
  if (check.errors.length > MAX_LISTED_ERRORS) lines.push(`- ... and ${check.errors.length - MAX_LISTED_ERRORS} more`);
  return {
    event: "failure",
    title: `Zerobyte repository ${repository.name} failed its integrity check`,
    body: lines.join("\n"),
  };
}

async function failureDestinations(repositoryId: string): Promise<Set<number>> {
  const db = await database();
  const schedules = await db
    .select({ id: backupSchedules.id })
    .from(backupSchedules)
    .where(eq(backupSchedules.repositoryId, repositoryId));
  const destinations = new Set<number>();
  for (const schedule of schedules) {
    for (const id of await subscribedDestinations(schedule.id, "failure")) destinations.add(id);
  }
  return destinations;
}

export function notifyCheckFailure(repository: RepositoryRow, check: CheckResultRow): void {
  void inBackground(
    async () => {
      const message = checkFailureMessage(repository, check);
      for (const id of await failureDestinations(repository.id)) enqueueDelivery(id, message);
    },
    { repositoryId: repository.shortId, checkId: check.id },
  );
}
