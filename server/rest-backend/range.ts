// Single byte-range parsing with Go's http.ServeContent semantics, which restic was written against:
// restic treats a 200/206 body as starting at the offset it asked for, so every edge case must be exact.

export type ByteRange = { start: number; end: number };

/** `null`: no Range header (or one we choose to ignore) → whole file. `"unsatisfiable"` → 416. */
export type RangeRequest = ByteRange | "unsatisfiable" | null;

const DIGITS = /^\d+$/;

export function parseRange(header: string | null, size: number): RangeRequest {
  if (header === null) return null;
  if (!header.startsWith("bytes=")) return "unsatisfiable";
  const specs = header.slice("bytes=".length).split(",");
  // Multi-range (multipart/byteranges) is never sent by restic; ignoring Range is allowed by RFC 9110.
  if (specs.length > 1) return null;
  const spec = specs[0].trim();
  const dash = spec.indexOf("-");
  if (dash === -1) return "unsatisfiable";
  const first = spec.slice(0, dash).trim();
  const last = spec.slice(dash + 1).trim();

  if (first === "") {
    // Suffix range: the last N bytes.
    if (!DIGITS.test(last)) return "unsatisfiable";
    const length = Math.min(Number(last), size);
    if (length === 0) return "unsatisfiable";
    return { start: size - length, end: size - 1 };
  }
  if (!DIGITS.test(first)) return "unsatisfiable";
  const start = Number(first);
  if (start >= size) return "unsatisfiable";
  if (last === "") return { start, end: size - 1 };
  if (!DIGITS.test(last)) return "unsatisfiable";
  const end = Number(last);
  if (start > end) return "unsatisfiable";
  return { start, end: Math.min(end, size - 1) };
}
