// One delivery: the channel's sender, bounded by NOTIFICATION_TIMEOUT_SECONDS, failing with a reason a user can act on.
import { getConfig } from "@/server/config";
import type { DeliveryTarget, Sender } from "./delivery-target";
import type { NotificationMessage } from "./notification-message";
import { sendDiscord } from "./senders/discord";
import { sendEmail } from "./senders/email";
import { sendGeneric } from "./senders/generic";
import { sendGotify } from "./senders/gotify";
import { sendHealthchecksPing } from "./senders/healthchecks";
import { DeliveryError } from "./senders/http-request";
import { sendNtfy } from "./senders/ntfy";
import { sendPushover } from "./senders/pushover";
import { sendSlack } from "./senders/slack";
import { sendTelegram } from "./senders/telegram";

const SENDERS: { [K in DeliveryTarget["kind"]]: Sender<K> } = {
  email: sendEmail,
  slack: sendSlack,
  discord: sendDiscord,
  gotify: sendGotify,
  ntfy: sendNtfy,
  pushover: sendPushover,
  telegram: sendTelegram,
  generic: sendGeneric,
  healthchecks: sendHealthchecksPing,
};

export async function sendNotification(target: DeliveryTarget, message: NotificationMessage): Promise<void> {
  const timeoutMs = getConfig().notificationTimeoutMs;
  const controller = new AbortController();
  const timedOut = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () =>
      reject(new DeliveryError(`no answer within ${timeoutMs / 1000} s`)),
    );
  });
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const send = SENDERS[target.kind] as Sender<DeliveryTarget["kind"]>;
  try {
    await Promise.race([send(target, message, controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
