import { describe, expect, it } from "vitest";
import { resetConfig } from "@/server/config";
import { decryptSecret, encryptSecret, isEncrypted, SecretDecryptionError } from "./secrets";

describe("secret encryption", () => {
  it("round-trips and never stores the plaintext", () => {
    const stored = encryptSecret("hunter2-very-secret");
    expect(isEncrypted(stored)).toBe(true);
    expect(stored).not.toContain("hunter2");
    expect(decryptSecret(stored)).toBe("hunter2-very-secret");
  });

  it("uses a fresh salt and IV each time", () => {
    expect(encryptSecret("same")).not.toBe(encryptSecret("same"));
  });

  it("fails loudly when the ciphertext or tag is tampered with", () => {
    const stored = encryptSecret("value");
    const parts = stored.split(":");
    const ciphertext = Buffer.from(parts[4], "base64url");
    ciphertext[0] ^= 1;
    parts[4] = ciphertext.toString("base64url");
    expect(() => decryptSecret(parts.join(":"))).toThrow(SecretDecryptionError);
    expect(() => decryptSecret("plain text")).toThrow(SecretDecryptionError);
  });

  it("cannot be read under another APP_SECRET", () => {
    const stored = encryptSecret("value");
    const original = process.env.APP_SECRET;
    try {
      process.env.APP_SECRET = "another-secret-0123456789abcdef0123456789";
      resetConfig();
      expect(() => decryptSecret(stored)).toThrow(SecretDecryptionError);
    } finally {
      process.env.APP_SECRET = original;
      resetConfig();
    }
    expect(decryptSecret(stored)).toBe("value");
  });
});
