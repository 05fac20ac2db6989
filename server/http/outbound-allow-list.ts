// Requests to hosts a user names (webhooks, self-hosted notification servers) could reach anything the server can:
// its own admin ports, cloud metadata, the LAN. So they go only to origins the operator listed in
// WEBHOOK_ALLOWED_ORIGINS (reference §6), checked when the address is saved and again before every request.
import { getConfig, originOf } from "@/server/config";
import { BadRequestError } from "./errors";

export class OriginNotAllowedError extends BadRequestError {
  constructor(readonly origin: string) {
    super(`The origin ${origin} is not allowed for outbound requests. Add ${origin} to WEBHOOK_ALLOWED_ORIGINS.`);
  }
}

export function assertOriginAllowed(url: URL): void {
  const origin = originOf(url);
  if (!getConfig().webhookAllowedOrigins.includes(origin)) throw new OriginNotAllowedError(origin);
}
