// Discord webhook: one embed coloured by outcome (thread, if any, is in the URL as `thread_id`).
import type { Sender } from "../delivery-target";
import { type Severity, severityOf } from "../notification-message";
import { httpRequest, jsonRequest } from "./http-request";

const COLOURS: Record<Severity, number> = { info: 0x3498db, success: 0x2ecc71, warning: 0xf39c12, failure: 0xe74c3c };

export const sendDiscord: Sender<"discord"> = (target, message, signal) =>
  httpRequest(
    target.url,
    jsonRequest(
      {
        username: target.username,
        avatar_url: target.avatarUrl,
        embeds: [{ title: message.title, description: message.body, color: COLOURS[severityOf(message.event)] }],
      },
      signal,
    ),
  );
