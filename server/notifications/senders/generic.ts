// Generic webhook: JSON `{[titleKey]: title, [messageKey]: message}` (or the text) by POST, or query parameters by
// GET; the user's headers on top.
import type { Sender } from "../delivery-target";
import { httpRequest } from "./http-request";

export const sendGeneric: Sender<"generic"> = (target, message, signal) => {
  const headers = new Headers(target.headers);
  const fields = { [target.titleKey]: message.title, [target.messageKey]: message.body };
  if (target.method === "GET") {
    const url = new URL(target.url);
    for (const [key, value] of Object.entries(fields)) url.searchParams.set(key, value);
    return httpRequest(url.toString(), { method: "GET", headers, signal });
  }
  const body = target.useJson ? JSON.stringify(fields) : `${message.title}\n\n${message.body}`;
  if (!headers.has("content-type"))
    headers.set("content-type", target.contentType ?? (target.useJson ? "application/json" : "text/plain"));
  return httpRequest(target.url, { method: "POST", headers, body, signal });
};
