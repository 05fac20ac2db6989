// Responses in rest-server's shapes: errors are plain text "<Status text>\n", successful writes are an empty 200.
import { STATUS_CODES } from "node:http";

export const API_V1 = "application/vnd.x.restic.rest.v1";
export const API_V2 = "application/vnd.x.restic.rest.v2";

export function statusResponse(status: number, headers: Record<string, string> = {}): Response {
  const body = `${STATUS_CODES[status] ?? "Error"}\n`;
  return new Response(body, {
    status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(body)),
      "X-Content-Type-Options": "nosniff",
      ...headers,
    },
  });
}

export function emptyOk(): Response {
  return new Response(null, { status: 200, headers: { "Content-Length": "0" } });
}

export function methodNotAllowed(allow: string): Response {
  return statusResponse(405, { Allow: allow });
}

/** A list in the format the client asked for; restic parses v2 only when the content type is exactly API_V2. */
export function listResponse(objects: { name: string; size: number }[], v2: boolean): Response {
  const body = JSON.stringify(v2 ? objects : objects.map((object) => object.name));
  return new Response(body, {
    status: 200,
    headers: { "Content-Type": v2 ? API_V2 : API_V1, "Content-Length": String(Buffer.byteLength(body)) },
  });
}
