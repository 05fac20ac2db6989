import { describe, expect, it } from "vitest";
import type { RepositoryConfig } from "@/server/repositories/repository-config.schema";
import { mirrorCompatibility } from "./mirror-compatibility";

const s3 = (accessKeyId: string, bucket = "b") =>
  ({ backend: "s3", endpoint: "https://s3", bucket, accessKeyId, secretAccessKey: "s" }) as RepositoryConfig;
const local = (path: string) => ({ backend: "local", path }) as RepositoryConfig;
const sftp = { backend: "sftp", host: "h", port: 22, user: "u", path: "/p", privateKey: "k" } as RepositoryConfig;

describe("mirror compatibility", () => {
  it("lets local, rclone and different families mirror each other", () => {
    expect(mirrorCompatibility(local("/a"), local("/b"))).toEqual({ compatible: true, reason: null });
    expect(mirrorCompatibility(local("/a"), s3("key"))).toEqual({ compatible: true, reason: null });
    expect(mirrorCompatibility(sftp, local("/b")).compatible).toBe(true);
  });

  it("allows one cloud family with the same credentials, refuses different ones", () => {
    expect(mirrorCompatibility(s3("key", "one"), s3("key", "two")).compatible).toBe(true);
    expect(mirrorCompatibility(s3("key"), s3("other"))).toEqual({
      compatible: false,
      reason: expect.stringMatching(/S3 with different credentials/),
    });
  });

  it("never pairs two SFTP repositories", () => {
    expect(mirrorCompatibility(sftp, sftp)).toMatchObject({ compatible: false, reason: expect.stringMatching(/SFTP/) });
  });
});
