// Server-sent events: `event: <name>\ndata: <JSON>\n\n` frames, a `connected` frame first, a `heartbeat` every 5 s
// (keeps proxies from closing an idle connection), and one cleanup whether the server ends the stream or the
// client goes away (request aborted or body cancelled).
import { getLogger } from "@/server/logging/logger";

export type EventStream = {
  send(name: string, data: unknown): void;
  /** Runs `cleanup` when the stream ends (at once if it already has). */
  onClose(cleanup: () => void): void;
  close(): void;
};

export const HEARTBEAT_INTERVAL_MS = 5_000;

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // nginx buffers responses by default, which would hold events back.
  "x-accel-buffering": "no",
};

export function eventStreamResponse(
  signal: AbortSignal,
  feed: (stream: EventStream) => void | Promise<void>,
): Response {
  const encoder = new TextEncoder();
  const cleanups: (() => void)[] = [];
  let closed = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;

  const stream: EventStream = {
    send(name, data) {
      if (!closed) controller.enqueue(encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`));
    },
    onClose(cleanup) {
      if (closed) cleanup();
      else cleanups.push(cleanup);
    },
    close() {
      if (closed) return;
      closed = true;
      for (const cleanup of cleanups) cleanup();
      try {
        controller.close();
      } catch {
        // Already cancelled by the client: nothing left to close.
      }
    },
  };

  // `start` runs inside the constructor, so the controller is set before anything is sent.
  const body = new ReadableStream<Uint8Array>({
    start: (streamController) => {
      controller = streamController;
    },
    cancel: () => stream.close(),
  });

  stream.send("connected", { type: "connected", timestamp: Date.now() });
  const heartbeat = setInterval(() => stream.send("heartbeat", { timestamp: Date.now() }), HEARTBEAT_INTERVAL_MS);
  stream.onClose(() => clearInterval(heartbeat));
  if (signal.aborted) stream.close();
  signal.addEventListener("abort", stream.close, { once: true });
  stream.onClose(() => signal.removeEventListener("abort", stream.close));

  Promise.resolve()
    .then(() => feed(stream))
    .catch((error) => {
      getLogger().error({ err: error }, "event stream failed");
      stream.close();
    });
  return new Response(body, { headers: SSE_HEADERS });
}
