// Serves a Web `(Request) => Promise<Response>` handler on node:http, streaming bodies both ways with backpressure.
// The restic REST backend is served this way, beside Next rather than through it: Next's route-handler pipeline
// drops Content-Length from responses (restic needs it on HEAD and on 206 answers) and adds per-request overhead
// that matters for thousands of pack uploads.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

export type WebHandler = (request: Request) => Promise<Response>;

function toRequest(incoming: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = incoming.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(`http://${incoming.headers.host ?? "localhost"}${incoming.url ?? "/"}`, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : undefined,
    // @ts-expect-error Node's fetch requires `duplex` for streamed request bodies; lib.dom does not know it yet.
    duplex: "half",
  });
}

async function sendResponse(response: Response, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const method = incoming.method ?? "GET";
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  // Answered before the body was read (401, 403, 507…): a client that stops sending mid-body would leave both sides
  // waiting on each other if the connection were kept, so it is closed after this answer.
  if (!incoming.complete && method !== "GET" && method !== "HEAD") headers.connection = "close";
  outgoing.writeHead(response.status, headers);
  if (!response.body || method === "HEAD") {
    await response.body?.cancel();
    outgoing.end();
    return;
  }
  const reader = response.body.getReader();
  outgoing.on("close", () => {
    if (!outgoing.writableFinished) reader.cancel().catch(() => undefined);
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!outgoing.write(value)) await new Promise((resolve) => outgoing.once("drain", resolve));
  }
  outgoing.end();
}

export function serveWebRequest(handler: WebHandler, incoming: IncomingMessage, outgoing: ServerResponse): void {
  // A response sent before the body was read (403, 507…) must not leave the keep-alive connection stuck.
  outgoing.on("finish", () => {
    if (!incoming.complete) incoming.resume();
  });
  let request: Request;
  try {
    request = toRequest(incoming);
  } catch {
    outgoing.writeHead(400).end();
    return;
  }
  handler(request)
    .then((response) => sendResponse(response, incoming, outgoing))
    .catch((error: unknown) => {
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.destroy(error instanceof Error ? error : undefined);
    });
}
