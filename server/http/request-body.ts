// Request bodies are read with a hard limit while streaming, so an oversized body is refused with 413 after at
// most `limit` bytes were held in memory — the body is never buffered whole, and never silently truncated.
import { BadRequestError, PayloadTooLargeError } from "./errors";

export const API_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

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
