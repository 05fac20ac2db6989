// Healthchecks-style pings (Healthchecks.io and compatible monitors): `<url>/start` when a backup starts, `<url>` when
// it made a snapshot (a warning run did), `<url>/fail` when it failed or is overdue. The text goes along as the
// body, which Healthchecks keeps with the ping.
import type { Sender } from "../delivery-target";
import { type NotificationEvent, severityOf } from "../notification-message";
import { httpRequest } from "./http-request";

function pingUrl(base: string, event: NotificationEvent): string {
  const url = new URL(base);
  const suffix = event === "start" ? "/start" : severityOf(event) === "failure" ? "/fail" : "";
  url.pathname = url.pathname.replace(/\/+$/, "") + suffix;
  return url.toString();
}

export const sendHealthchecksPing: Sender<"healthchecks"> = (target, message, signal) =>
  httpRequest(pingUrl(target.url, message.event), {
    method: "POST",
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: `${message.title}\n\n${message.body}`,
    signal,
  });
