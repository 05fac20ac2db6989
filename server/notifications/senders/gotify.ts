// Gotify: POST /message with the application token in a header (not the query string, where proxies log it).
import type { Sender } from "../delivery-target";
import { httpRequest, jsonRequest } from "./http-request";

export const sendGotify: Sender<"gotify"> = (target, message, signal) =>
  httpRequest(
    target.url,
    jsonRequest({ title: message.title, message: message.body, priority: target.priority }, signal, {
      "x-gotify-key": target.token,
    }),
  );
