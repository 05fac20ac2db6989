import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eventStreamResponse, HEARTBEAT_INTERVAL_MS } from "./sse-stream";
import { readSseFrames } from "./sse-test-reader.test-helper";

describe("eventStreamResponse", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] }));
  afterEach(() => vi.useRealTimers());

  it("sends `connected`, the feed's frames and a heartbeat every 5 s", async () => {
    const response = eventStreamResponse(new AbortController().signal, (stream) => {
      stream.send("volume:mounted", { volumeName: "photos" });
    });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const frames = readSseFrames(response);
    expect(await frames.next()).toEqual({
      event: "connected",
      data: { type: "connected", timestamp: expect.any(Number) },
    });
    expect(await frames.next()).toEqual({ event: "volume:mounted", data: { volumeName: "photos" } });
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS);
    expect(await frames.next()).toEqual({ event: "heartbeat", data: { timestamp: expect.any(Number) } });
    await frames.cancel();
  });

  it("cleans up once when the client disconnects, by abort or by cancelling the body", async () => {
    for (const disconnect of ["abort", "cancel"] as const) {
      const request = new AbortController();
      const cleanup = vi.fn();
      const response = eventStreamResponse(request.signal, (stream) => stream.onClose(cleanup));
      const frames = readSseFrames(response);
      await frames.next();
      if (disconnect === "abort") {
        request.abort();
        expect(await frames.next()).toBeNull();
      } else {
        await frames.cancel();
      }
      request.abort();
      expect(cleanup).toHaveBeenCalledTimes(1);
      expect(vi.getTimerCount()).toBe(0);
    }
  });

  it("ends the stream when the server closes it", async () => {
    const response = eventStreamResponse(new AbortController().signal, (stream) => {
      stream.send("task:changed", { id: "t1", status: "success" });
      stream.close();
      stream.send("task:changed", { id: "t1", status: "late" });
    });
    const frames = readSseFrames(response);
    expect((await frames.next())?.event).toBe("connected");
    expect(await frames.next()).toEqual({ event: "task:changed", data: { id: "t1", status: "success" } });
    expect(await frames.next()).toBeNull();
  });
});
