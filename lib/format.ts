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
