// The first code every HTTP request meets, before Next or the REST backend (scripts/start.mjs calls `guard`), for the
// checks that must happen before anything parses the request:
// - the client address: X-Forwarded-For is replaced with the single address derived from the socket and the
//   TRUST_PROXY hops (client-ip.ts), so nothing later can read a forged entry;
// - a state-changing request from a browser page of another origin is refused with 403 (origin.ts);
// - a malformed percent-encoding in an /api path is a JSON 400 (Next answers it with a 500 text/plain page);
// - /api/auth and /api/trpc bodies must declare their length and stay under a cap, refused before a byte is read
//   (next-auth and tRPC read bodies whole; the /api/v1 routes cap while streaming themselves).
import type { IncomingMessage, ServerResponse } from "node:http";
import { getConfig } from "@/server/config";
import { clientAddressFromChain } from "./client-ip";
import { isSameOriginRequest } from "./origin";
import { API_BODY_LIMIT_BYTES } from "./request-body";

/** Sign-in forms and JSON are a few hundred bytes; 64 KiB leaves room for long passwords and next-auth's fields. */
export const AUTH_BODY_LIMIT_BYTES = 64 * 1024;

export type FrontDoor = {
  /** Answers the request itself (and returns true) when it must not go further. */
  guard(incoming: IncomingMessage, outgoing: ServerResponse): boolean;
  headersTimeoutMs: number;
  idleTimeoutMs: number;
};

function refuse(outgoing: ServerResponse, status: number, message: string, closeConnection = false): true {
  const body = JSON.stringify({ message });
  const headers: Record<string, string | number> = {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  };
  // An unread body must not be drained into the void: the connection goes instead.
  if (closeConnection) headers.connection = "close";
  outgoing.writeHead(status, headers).end(body);
  return true;
}

function hasMalformedEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

const bodyLimitFor = (pathname: string) =>
  pathname.startsWith("/api/auth/")
    ? AUTH_BODY_LIMIT_BYTES
    : pathname.startsWith("/api/trpc/")
      ? API_BODY_LIMIT_BYTES
      : null;

function checkBody(incoming: IncomingMessage, outgoing: ServerResponse, limit: number): boolean {
  if (incoming.method === "GET" || incoming.method === "HEAD") return false;
  const declared = incoming.headers["content-length"];
  if (incoming.headers["transfer-encoding"] !== undefined && declared === undefined) {
    return refuse(outgoing, 411, "Content-Length is required here", true);
  }
  if (Number(declared ?? "0") > limit) return refuse(outgoing, 413, "Request body too large", true);
  return false;
}

export function guard(incoming: IncomingMessage, outgoing: ServerResponse): boolean {
  const config = getConfig();
  incoming.headers["x-forwarded-for"] = clientAddressFromChain(
    [incoming.headers["x-forwarded-for"]].flat().join(","),
    incoming.socket.remoteAddress,
    config.trustedProxies,
  );
  if (!isSameOriginRequest(incoming.method, incoming.headers, config.trustedOrigins)) {
    return refuse(outgoing, 403, "Cross-site request refused: the Origin is not this Zerobyte's BASE_URL", true);
  }
  const pathname = (incoming.url ?? "/").split("?", 1)[0];
  if (!pathname.startsWith("/api/")) return false;
  if (hasMalformedEncoding(pathname)) return refuse(outgoing, 400, "Malformed percent-encoding in the request path");
  const limit = bodyLimitFor(pathname);
  return limit !== null && checkBody(incoming, outgoing, limit);
}

const holder = globalThis as unknown as { __zerobyteFrontDoor?: FrontDoor };

/** Makes the front door available to scripts/start.mjs (called once at start-up, like the REST handler). */
export function publishFrontDoor(): void {
  const { headersTimeoutMs, idleTimeoutMs } = getConfig();
  holder.__zerobyteFrontDoor = { guard, headersTimeoutMs, idleTimeoutMs };
}
