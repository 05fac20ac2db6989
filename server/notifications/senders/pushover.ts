// Pushover's message API (form-encoded, as documented).
import type { Sender } from "../delivery-target";
import { httpRequest } from "./http-request";

export const sendPushover: Sender<"pushover"> = (target, message, signal) => {
  const form = new URLSearchParams({
    token: target.apiToken,
    user: target.userKey,
    title: message.title,
    message: message.body,
    priority: String(target.priority),
  });
  if (target.devices) form.set("device", target.devices);
  return httpRequest(target.url, { method: "POST", body: form, signal });
};
