// Frequency presets of the backup form and the cron expressions they stand for (minute hour day month weekday).
export type Frequency = "manual" | "hourly" | "daily" | "weekly" | "custom";

export const FREQUENCY_OPTIONS = [
  { value: "manual", label: "Manual only" },
  { value: "hourly", label: "Hourly" },
  { value: "daily", label: "Daily" },
  { value: "weekly", label: "Weekly" },
  { value: "custom", label: "Custom (cron)" },
] as const satisfies readonly { value: Frequency; label: string }[];

export const WEEKDAY_OPTIONS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"].map(
  (label, index) => ({ value: String(index), label }),
);

export type FrequencyState = { frequency: Frequency; time: string; weekday: string; minute: string; cron: string };

export function cronFor(state: FrequencyState): string {
  const [hour = "0", minute = "0"] = state.time.split(":");
  const h = String(Number(hour));
  const m = String(Number(minute));
  switch (state.frequency) {
    case "manual":
      return "";
    case "hourly":
      return `${Number(state.minute) || 0} * * * *`;
    case "daily":
      return `${m} ${h} * * *`;
    case "weekly":
      return `${m} ${h} * * ${state.weekday}`;
    default:
      return state.cron.trim();
  }
}

const pad = (value: string) => value.padStart(2, "0");

/** Which preset an existing expression is (so editing shows it as it was chosen), else custom. */
export function frequencyOf(expression: string): FrequencyState {
  const base = { time: "02:00", weekday: "1", minute: "0", cron: expression };
  if (!expression.trim()) return { ...base, frequency: "manual" };
  const parts = expression.trim().split(/\s+/);
  const numeric = (value: string | undefined) => value !== undefined && /^\d+$/.test(value);
  if (parts.length === 5 && numeric(parts[0]) && parts.slice(1).every((part) => part === "*")) {
    return { ...base, frequency: "hourly", minute: parts[0] };
  }
  if (parts.length === 5 && numeric(parts[0]) && numeric(parts[1]) && parts[2] === "*" && parts[3] === "*") {
    const time = `${pad(parts[1])}:${pad(parts[0])}`;
    if (parts[4] === "*") return { ...base, frequency: "daily", time };
    if (/^[0-6]$/.test(parts[4])) return { ...base, frequency: "weekly", time, weekday: parts[4] };
  }
  return { ...base, frequency: "custom" };
}
