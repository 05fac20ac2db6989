import { describe, expect, it } from "vitest";
import { isValidTimezone, nextRunAfter, validateCronExpression } from "./cron";

const at = (iso: string) => new Date(iso).getTime();

describe("cron", () => {
  it("computes the next run strictly after the given time, in the schedule's zone", () => {
    expect(nextRunAfter("0 3 * * *", "UTC", at("2026-03-01T02:59:59Z"))).toBe(at("2026-03-01T03:00:00Z"));
    expect(nextRunAfter("0 3 * * *", "UTC", at("2026-03-01T03:00:00Z"))).toBe(at("2026-03-02T03:00:00Z"));
    // 03:00 in Tokyo (UTC+9) is 18:00 UTC the day before.
    expect(nextRunAfter("0 3 * * *", "Asia/Tokyo", at("2026-03-01T00:00:00Z"))).toBe(at("2026-03-01T18:00:00Z"));
    // New York in summer time (UTC-4).
    expect(nextRunAfter("30 8 * * 1", "America/New_York", at("2026-07-01T00:00:00Z"))).toBe(at("2026-07-06T12:30:00Z"));
  });

  it("supports a seconds field and reads an empty expression as manual only", () => {
    expect(nextRunAfter("*/5 * * * * *", "UTC", at("2026-03-01T00:00:01.500Z"))).toBe(at("2026-03-01T00:00:05Z"));
    expect(nextRunAfter("", "UTC", Date.now())).toBeNull();
  });

  it("refuses malformed expressions with croner's reason", () => {
    expect(() => validateCronExpression("61 * * * *")).toThrow(/Invalid cron expression "61 \* \* \* \*".*minute/);
    expect(() => validateCronExpression("every day")).toThrow(/Invalid cron expression/);
    expect(() => validateCronExpression("@reboot")).toThrow(/Invalid cron expression/);
    expect(() => validateCronExpression("0 3 * * *")).not.toThrow();
  });

  it("knows IANA zones", () => {
    expect(isValidTimezone("Europe/Paris")).toBe(true);
    expect(isValidTimezone("UTC")).toBe(true);
    expect(isValidTimezone("Mars/Olympus_Mons")).toBe(false);
  });
});
