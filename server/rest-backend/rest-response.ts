// Responses in rest-server's shapes: errors are plain text "<Status text>\n", successful writes are an empty 200.
// A reply is a plain value the handler returns; `sendReply` writes it to the Node response, streaming stored files
// straight from disk to the socket.
import { readSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import { BLOCK_SIZE, returnBlock, takeBlock } from "./buffer-pool";
import { noteSyncIo, syncIoAllowed } from "./sync-io-budget";

export const API_V1 = "application/vnd.x.restic.rest.v1";
export const API_V2 = "application/vnd.x.restic.rest.v2";

/** A stored file's byte range to stream; the handle is closed once it is sent (or the client goes away). */
export type FileSlice = { handle: FileHandle; start: number; length: number; onBytes: (bytes: number) => void };

export type RestReply = { status: number; headers: Record<string, string>; body?: string | FileSlice };

export function statusReply(status: number, headers: Record<string, string> = {}): RestReply {
  const body = `${STATUS_CODES[status] ?? "Error"}\n`;
  return {
    status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(body)),
      "X-Content-Type-Options": "nosniff",
      ...headers,
    },
    body,
  };
}

export function emptyOk(): RestReply {
  return { status: 200, headers: { "Content-Length": "0" } };
}

export function methodNotAllowed(allow: string): RestReply {
  return statusReply(405, { Allow: allow });
}

/** A list in the format the client asked for; restic parses v2 only when the content type is exactly API_V2. */
export function listReply(objects: { name: string; size: number }[], v2: boolean): RestReply {
  const body = JSON.stringify(v2 ? objects : objects.map((object) => object.name));
  return {
    status: 200,
    headers: { "Content-Type": v2 ? API_V2 : API_V1, "Content-Length": String(Buffer.byteLength(body)) },
    body,
  };
}

export async function sendReply(reply: RestReply, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // Answered before the body was read (401, 403, 507…): a client that stops sending mid-body would leave both sides
  // waiting on each other if the connection were kept, so it is closed after this answer.
  const unreadBody = !request.complete && request.method !== "GET" && request.method !== "HEAD";
  response.writeHead(reply.status, unreadBody ? { ...reply.headers, Connection: "close" } : reply.headers);
  const { body } = reply;
  if (body === undefined || typeof body === "string") {
    response.end(request.method === "HEAD" ? undefined : body);
    return;
  }
  if (request.method === "HEAD" || body.length === 0) {
    await body.handle.close();
    response.end();
    return;
  }
  try {
    await streamSlice(body, response);
  } finally {
    await body.handle.close().catch(() => undefined);
  }
}

/** Whether the client is still there; a write after it left would never call back. */
function gone(response: ServerResponse): Promise<never> {
  return new Promise((_, reject) => {
    const onClose = () => reject(new Error("Client went away mid-download"));
    if (response.destroyed) onClose();
    else response.once("close", onClose);
  });
}

/**
 * Reads a block of a stored file: synchronously while sync-io-budget.ts allows it. Measured with ten restores of
 * 1 GiB from this server on a 2-core VM: reads through the thread pool cost the server 1.0–1.7 s of CPU per restore,
 * synchronous reads 0.65–1.2 s, and the restores were as fast or faster (best 3.1 s against 3.8 s).
 */
async function readBlock(handle: FileHandle, block: Buffer, length: number, position: number): Promise<number> {
  const started = performance.now();
  if (!syncIoAllowed(started)) return (await handle.read(block, 0, length, position)).bytesRead;
  const bytesRead = readSync(handle.fd, block, 0, length, position);
  noteSyncIo(started, performance.now());
  return bytesRead;
}

/**
 * Reads the slice in 256 KiB blocks and writes them to the socket, at most two in flight: a block is read into again
 * only once the socket has taken it (its write callback), so no block is allocated per read.
 */
async function streamSlice(slice: FileSlice, response: ServerResponse): Promise<void> {
  const blocks = [takeBlock(), takeBlock()];
  const sent: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
  const closed = gone(response);
  closed.catch(() => undefined);
  let position = slice.start;
  let remaining = slice.length;
  try {
    for (let i = 0; remaining > 0; i ^= 1) {
      await Promise.race([sent[i], closed]);
      const bytesRead = await readBlock(slice.handle, blocks[i], Math.min(BLOCK_SIZE, remaining), position);
      if (bytesRead === 0) {
        // The file shrank under us: dropping the connection tells the client the read was short, where a clean
        // end would leave it waiting for the announced bytes.
        response.destroy(new Error("Stored file is shorter than announced"));
        return;
      }
      sent[i] = new Promise((resolve, reject) =>
        response.write(blocks[i].subarray(0, bytesRead), (error) => (error ? reject(error) : resolve())),
      );
      sent[i].catch(() => undefined); // surfaced by the next await of it
      position += bytesRead;
      remaining -= bytesRead;
      slice.onBytes(bytesRead);
    }
    await Promise.race([Promise.all(sent), closed]);
    response.end();
  } finally {
    // A block still referenced by a write that never completed (client gone) is left to the GC, not reused.
    await Promise.race([Promise.allSettled(sent), closed.catch(() => undefined)]);
    if (!response.destroyed) for (const block of blocks) returnBlock(block);
  }
}
