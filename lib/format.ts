// Display formats shared by the pages and the notification texts. Dates are formatted in the browser only (query
// data is not rendered on the server), so the user's locale and time zone apply without a hydration mismatch.
const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

/** 1536 → "1.5 KiB": binary units, as restic and most storage tools report sizes. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)} ${UNITS[unit]}`;
}

export function formatDateTime(epochMs: number | null | undefined, fallback = "Never"): string {
  return epochMs ? new Date(epochMs).toLocaleString() : fallback;
}

/** 3725 → "1 h 2 min": a duration in seconds, to the nearest unit that matters. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes} min ${total % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "in 5 min" / "3 h ago": how far a moment is from now, for last and next runs. */
export function formatRelative(epochMs: number | null | undefined, now = Date.now(), fallback = "Never"): string {
  if (!epochMs) return fallback;
  const seconds = Math.round((epochMs - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, "second");
}
