import { describe, expect, it } from "vitest";
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
});
