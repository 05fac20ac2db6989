// For tests: reads server-sent event frames off a response body.
export type SseFrame = { event: string; data: unknown };

const FRAME_TIMEOUT_MS = 5_000;

export function readSseFrames(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";

  const readChunk = () =>
    Promise.race([
      reader.read(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("no event-stream data within 5 s")), FRAME_TIMEOUT_MS).unref(),
      ),
    ]);

  /** The next frame, or null once the stream has ended. */
  async function next(): Promise<SseFrame | null> {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const lines = buffer.slice(0, end).split("\n");
        buffer = buffer.slice(end + 2);
        const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
        return { event: field("event") ?? "message", data: JSON.parse(field("data") ?? "null") };
      }
      const { value, done } = await readChunk();
      if (done) return null;
      buffer += value;
    }
  }

  return {
    next,
    /** Frames (heartbeats skipped) up to and including the first one `matches` accepts. */
    async until(matches: (frame: SseFrame) => boolean): Promise<SseFrame[]> {
      const frames: SseFrame[] = [];
      for (;;) {
        const frame = await next();
        if (!frame) throw new Error(`stream ended before the expected frame; got ${JSON.stringify(frames)}`);
        if (frame.event === "heartbeat") continue;
        frames.push(frame);
        if (matches(frame)) return frames;
      }
    },
    cancel: () => reader.cancel(),
  };
}
