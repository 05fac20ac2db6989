import { describe, expect, it } from "vitest";
import { overdueWindow } from "./overdue";

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const rule = (cronExpression: string, graceMinutes: number | null = null) => ({
  cronExpression,
  timezone: "UTC",
  graceMinutes,
});

describe("overdue window", () => {
  it("gives a daily schedule until its next run plus a quarter of a day", () => {
    expect(overdueWindow(rule("0 2 * * *"), at("2026-12-01T02:07:00Z"))).toEqual({
      expectedRunAt: at("2026-12-02T02:00:00Z"),
      graceMs: 6 * HOUR,
      dueAt: at("2026-12-02T08:00:00Z"),
    });
  });

  it("never gives less than an hour of grace, and follows irregular crons (weekdays)", () => {
    expect(overdueWindow(rule("*/10 * * * *"), at("2026-12-01T10:03:00Z"))?.dueAt).toBe(at("2026-12-01T11:10:00Z"));
    // Friday's backup: the next one is due Monday; the grace is a quarter of Monday→Tuesday.
    expect(overdueWindow(rule("0 2 * * 1-5"), at("2026-12-04T02:30:00Z"))?.dueAt).toBe(at("2026-12-07T08:00:00Z"));
  });

  it("uses the schedule's own grace when it has one, and reads the cron in the schedule's zone", () => {
    expect(overdueWindow(rule("0 2 * * *", 30), at("2026-12-01T03:00:00Z"))?.dueAt).toBe(at("2026-12-02T02:30:00Z"));
    const paris = { cronExpression: "0 2 * * *", timezone: "Europe/Paris", graceMinutes: 0 };
    expect(overdueWindow(paris, at("2026-12-01T03:00:00Z"))?.dueAt).toBe(at("2026-12-02T01:00:00Z"));
  });

  it("expects nothing of a manual-only schedule", () => {
    expect(overdueWindow(rule(""), at("2026-12-01T03:00:00Z"))).toBeNull();
  });
});
