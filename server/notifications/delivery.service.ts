// Delivering one message to one destination, and keeping the destination's status, lastChecked and lastError current
// (with a `notification:updated` event) whatever happens. Never throws: the outcome says what went wrong, with every
// secret of the destination scrubbed from the text.
import { AppError } from "@/server/http/errors";
import { assertOriginAllowed } from "@/server/http/outbound-allow-list";
import { getLogger } from "@/server/logging/logger";
import { publishEvent } from "@/server/tasks/event-bus";
import { planDelivery } from "./delivery-plan";
import { decryptDestinationSecrets } from "./destination-secrets";
import { type DestinationRow, updateDestinationRow } from "./destination-store";
import type { NotificationMessage } from "./notification-message";
import { sendNotification } from "./send-notification";

export const NOTIFICATION_UPDATED = "notification:updated";
const MAX_ERROR_LENGTH = 2048;

export type DeliveryOutcome =
  | { ok: true }
  | { ok: false; error: string /** refused by policy or config */; refused: boolean };

function scrub(text: string, secrets: string[]): string {
  let clean = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) clean = clean.split(form).join("********");
  }
  return clean.slice(0, MAX_ERROR_LENGTH);
}

async function record(row: DestinationRow, error: string | null): Promise<void> {
  const status = error === null ? "healthy" : "error";
  const updated = await updateDestinationRow(row.id, { status, lastChecked: Date.now(), lastError: error });
  if (!updated) return; // deleted while the message was on its way
  publishEvent(row.organizationId, NOTIFICATION_UPDATED, {
    organizationId: row.organizationId,
    notificationId: row.id,
    notificationName: updated.name,
    status,
  });
}

export async function deliver(row: DestinationRow, message: NotificationMessage): Promise<DeliveryOutcome> {
  let secrets: string[] = [];
  let outcome: DeliveryOutcome;
  try {
    const plan = planDelivery(decryptDestinationSecrets(row.config));
    secrets = plan.secrets;
    if (plan.guardedUrl) assertOriginAllowed(plan.guardedUrl);
    await sendNotification(plan.target, message);
    outcome = { ok: true };
  } catch (error) {
    const text = scrub(error instanceof Error ? error.message : String(error), secrets);
    const refused = error instanceof AppError && error.status === 400;
    outcome = { ok: false, error: text, refused };
    getLogger().warn(
      { destinationId: row.id, type: row.type, event: message.event, reason: text },
      "notification failed",
    );
  }
  try {
    await record(row, outcome.ok ? null : outcome.error);
  } catch (error) {
    getLogger().error({ err: error, destinationId: row.id }, "could not record a notification's outcome");
  }
  return outcome;
}
