// How an upload's body is read: each chunk goes to a callback from the stream's own 'data' event, with no promise
// per chunk. Iterating the request with `for await` costs an iterator step and a few promises per 64 KiB chunk, each
// one also running the async-context hooks the app has on: receiving 1 GiB that way took 1.32 s of a bare Node
// server's user CPU (hash included) against 1.10-1.19 s with 'data' events.
import { finished, type Readable } from "node:stream";

/**
 * Hands every chunk of `body` to `onChunk` in order and resolves once the body has ended. A promise returned by
 * `onChunk` pauses the body until it settles. Rejects with the first error: the callback's, or the stream's when the
 * client goes away (ECONNRESET, ERR_STREAM_PREMATURE_CLOSE); no chunk is handed over after that.
 */
export function readBody(body: Readable, onChunk: (chunk: Buffer) => Promise<void> | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      body.off("data", onData);
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      let pending: Promise<void> | undefined;
      try {
        pending = onChunk(chunk);
      } catch (error) {
        fail(error);
        return;
      }
      if (!pending) return;
      body.pause();
      pending.then(() => {
        if (!failed) body.resume();
      }, fail);
    };
    body.on("data", onData);
    finished(body, (error) => (error ? fail(error) : resolve()));
  });
}
