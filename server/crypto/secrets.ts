// Secrets at rest: AES-256-GCM under a key derived from APP_SECRET with HKDF (APP_SECRET is already 32+ random
// characters, so no password stretching is needed). Format: `enc:v1:<salt>:<iv>:<ciphertext>:<tag>` (base64url).
// The version prefix lets a later format coexist; GCM's tag makes any tampering fail loudly.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getConfig } from "@/server/config";

const PREFIX = "enc:v1:";

export class SecretDecryptionError extends Error {
  constructor() {
    super("A stored secret could not be decrypted: it was tampered with or APP_SECRET changed");
  }
}

/** HKDF is cheap (microseconds), so keys are derived per value rather than cached: every value has its own salt. */
function keyFor(salt: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", getConfig().appSecret, salt, "zerobyte-secrets-v1", 32));
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function encryptSecret(plaintext: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(salt), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [salt, iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString("base64url"));
  return PREFIX + parts.join(":");
}

export function decryptSecret(value: string): string {
  if (!isEncrypted(value)) throw new SecretDecryptionError();
  const parts = value.slice(PREFIX.length).split(":");
  if (parts.length !== 4) throw new SecretDecryptionError();
  const [salt, iv, ciphertext, tag] = parts.map((part) => Buffer.from(part, "base64url"));
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(salt), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError();
  }
}
