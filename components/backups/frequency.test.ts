import { describe, expect, it } from "vitest";
import { cronFor, frequencyOf } from "./frequency";

describe("backup frequency presets", () => {
  it("make the cron expressions the scheduler runs", () => {
    const base = { time: "03:30", weekday: "5", minute: "15", cron: "" };
    expect(cronFor({ ...base, frequency: "manual" })).toBe("");
    expect(cronFor({ ...base, frequency: "hourly" })).toBe("15 * * * *");
    expect(cronFor({ ...base, frequency: "daily" })).toBe("30 3 * * *");
    expect(cronFor({ ...base, frequency: "weekly" })).toBe("30 3 * * 5");
    expect(cronFor({ ...base, frequency: "custom", cron: " 0 */6 * * * " })).toBe("0 */6 * * *");
  });

  it("recognise an expression they made, and call anything else custom", () => {
    expect(frequencyOf("")).toMatchObject({ frequency: "manual" });
    expect(frequencyOf("15 * * * *")).toMatchObject({ frequency: "hourly", minute: "15" });
    expect(frequencyOf("30 3 * * *")).toMatchObject({ frequency: "daily", time: "03:30" });
    expect(frequencyOf("30 3 * * 5")).toMatchObject({ frequency: "weekly", time: "03:30", weekday: "5" });
    expect(frequencyOf("0 */6 * * *")).toMatchObject({ frequency: "custom", cron: "0 */6 * * *" });
    expect(frequencyOf("0 3 * * 1-5")).toMatchObject({ frequency: "custom" });
  });
});
