import { describe, expect, it } from "vitest";
import { type AppEvent, publishEvent, subscribeEvents } from "./event-bus";

describe("event bus", () => {
  it("delivers an organization's events to its listeners only, instance-wide events to all", () => {
    const seenByA: AppEvent[] = [];
    const seenByB: AppEvent[] = [];
    const stopA = subscribeEvents("org-a", (event) => seenByA.push(event));
    const stopB = subscribeEvents("org-b", (event) => seenByB.push(event));

    publishEvent("org-a", "volume:mounted", { volumeName: "photos" });
    publishEvent(null, "system:notice", { text: "hello" });
    expect(seenByA.map((event) => event.name)).toEqual(["volume:mounted", "system:notice"]);
    expect(seenByB.map((event) => event.name)).toEqual(["system:notice"]);

    stopA();
    publishEvent("org-a", "volume:unmounted", {});
    expect(seenByA).toHaveLength(2);
    stopB();
  });

  it("keeps delivering when one listener throws", () => {
    const seen: string[] = [];
    const stopBroken = subscribeEvents("org-c", () => {
      throw new Error("stream closed");
    });
    const stopOk = subscribeEvents("org-c", (event) => seen.push(event.name));
    publishEvent("org-c", "task:changed", {});
    expect(seen).toEqual(["task:changed"]);
    stopBroken();
    stopOk();
  });
});
