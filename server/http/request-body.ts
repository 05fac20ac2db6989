// Request bodies are read with a hard limit while streaming, so an oversized body is refused with 413 after at
// most `limit` bytes were held in memory — the body is never buffered whole, and never silently truncated.
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "./errors";

export const API_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

function carriesBody(request: Request): boolean {
  return Number(request.headers.get("content-length") ?? "0") > 0 || request.headers.has("transfer-encoding");
}

/**
 * A body is JSON or it is refused with 415 before it is read: `text/plain` and form posts are what a cross-site page
 * can send without asking (login CSRF), so they must never be parsed as JSON.
 */
export function assertJsonContentType(request: Request): void {
  if (!carriesBody(request)) return;
  const mediaType = (request.headers.get("content-type") ?? "").split(";", 1)[0].trim();
  if (!JSON_MEDIA_TYPE.test(mediaType)) throw new UnsupportedMediaTypeError();
}

export async function readBodyText(request: Request, limit = API_BODY_LIMIT_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new PayloadTooLargeError();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a JSON body; an empty body is `undefined` so the schema decides whether that is allowed. */
export async function readJsonBody(request: Request, limit = API_BODY_LIMIT_BYTES): Promise<unknown> {
  const text = await readBodyText(request, limit);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`Malformed JSON in request body: ${(error as Error).message}`);
  }
}
