// ntfy: JSON publishing to the server's root (UTF-8 titles survive, unlike the `Title` header), with an emoji tag.
import type { Sender } from "../delivery-target";
import { type Severity, severityOf } from "../notification-message";
import { httpRequest, jsonRequest } from "./http-request";

const TAGS: Record<Severity, string> = {
  info: "arrow_forward",
  success: "white_check_mark",
  warning: "warning",
  failure: "rotating_light",
};

export const sendNtfy: Sender<"ntfy"> = (target, message, signal) =>
  httpRequest(
    `${target.url}/`,
    jsonRequest(
      {
        topic: target.topic,
        title: message.title,
        message: message.body,
        priority: target.priority,
        tags: [TAGS[severityOf(message.event)]],
      },
      signal,
      target.authorization ? { authorization: target.authorization } : {},
    ),
  );
