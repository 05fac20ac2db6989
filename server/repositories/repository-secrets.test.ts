import { describe, expect, it } from "vitest";
import { SECRET_MASK } from "@/server/crypto/config-secrets";
import { type RepositoryConfig, repositoryConfigSchema } from "./repository-config.schema";
import { assertSecretsReentered, encryptConfigSecrets } from "./repository-secrets";

const rest = repositoryConfigSchema.parse({
  type: "rest",
  url: "https://backup.example.com/",
  username: "alice",
  password: "rest-password",
});
const stored = encryptConfigSecrets(rest);
/** A config as an update would carry it (the tests change fields freely). */
const next = (value: object) => value as RepositoryConfig;
const masked = { ...rest, username: SECRET_MASK, password: SECRET_MASK };

describe("re-entering credentials when the destination changes", () => {
  it("keeps masked credentials while the destination stays", () => {
    expect(() => assertSecretsReentered(stored, next({ ...masked, path: "other/repo" }))).not.toThrow();
  });

  it.each([
    ["url", { url: "https://attacker.example/" }],
    ["cacert", { cacert: "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----" }],
    ["insecureTls", { insecureTls: true }],
  ])("refuses masked credentials when %s changes, naming them", (field, change) => {
    expect(() => assertSecretsReentered(stored, next({ ...masked, ...change }))).toThrow(
      `Re-enter config.username, config.password: ${field} changed`,
    );
  });

  it("accepts a new destination with the credentials typed in again", () => {
    expect(() =>
      assertSecretsReentered(
        stored,
        next({ ...rest, url: "https://new.example/", username: "alice", password: "new" }),
      ),
    ).not.toThrow();
  });

  it("does not ask again for the restic password, which never leaves this machine", () => {
    const local = repositoryConfigSchema.parse({
      type: "s3",
      endpoint: "s3.example.com",
      bucket: "b",
      accessKeyId: "k",
      secretAccessKey: "s",
      customPassword: "p",
    });
    const before = encryptConfigSecrets(local);
    expect(() =>
      assertSecretsReentered(before, next({ ...local, bucket: "other", customPassword: SECRET_MASK })),
    ).not.toThrow();
    expect(() =>
      assertSecretsReentered(before, next({ ...local, bucket: "other", secretAccessKey: SECRET_MASK })),
    ).toThrow(/config\.secretAccessKey: bucket changed/);
  });
});
