import { randomBytes } from "node:crypto";

/** 8 URL-safe characters (6 random bytes, base64url), as the original's shortIds. */
export function generateShortId(): string {
  return randomBytes(6).toString("base64url");
}
