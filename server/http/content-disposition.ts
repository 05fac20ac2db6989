// `Content-Disposition: attachment` for any file name (RFC 6266): the exact name as `filename*=UTF-8''…`, and an
// ASCII `filename="…"` for clients that ignore it (accents dropped, anything else non-ASCII or control → `_`).
import { create } from "content-disposition";

export function asciiFallback(filename: string): string {
  const ascii = filename
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]/gu, "_");
  return ascii.trim() || "download";
}

export function attachmentDisposition(filename: string): string {
  return create(filename, { fallback: asciiFallback(filename) });
}
