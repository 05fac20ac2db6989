import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isEncryptedPrivateKey, repositoryConfigSchema, SECRET_FIELDS } from "./repository-config.schema";

const firstMessage = (input: unknown) => {
  const result = repositoryConfigSchema.safeParse(input);
  if (result.success) throw new Error("expected a validation error");
  return result.error.issues[0].message;
};

function makeKey(passphrase: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "zb-key-"));
  try {
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-f", path.join(dir, "k")]);
    return readFileSync(path.join(dir, "k"), "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("repositoryConfigSchema", () => {
  it("accepts the seed's `type` and the original's `backend`, and answers with both", () => {
    expect(repositoryConfigSchema.parse({ type: "local", path: "/r" })).toMatchObject({
      type: "local",
      backend: "local",
    });
    expect(repositoryConfigSchema.parse({ backend: "local", path: "/r" })).toMatchObject({
      type: "local",
      backend: "local",
    });
  });

  it("refuses a type and backend that disagree, and unknown backends", () => {
    expect(firstMessage({ type: "s3", backend: "local", path: "/r" })).toMatch(/type and backend/);
    expect(firstMessage({ type: "ftp" })).toMatch(/backend \(or type\) must be one of local, s3/);
  });

  it("names the missing or wrong field", () => {
    expect(firstMessage({ type: "s3", endpoint: "s3.amazonaws.com", accessKeyId: "a", secretAccessKey: "b" })).toBe(
      "bucket is required",
    );
    expect(firstMessage({ type: "local", path: "" })).toBe("path must not be empty");
    expect(firstMessage({ type: "rest", url: "not a url" })).toMatch(/^url must be a URL/);
    expect(firstMessage({ type: "local", path: "/r", uploadLimit: { enabled: true, value: 1, unit: "Tbps" } })).toMatch(
      /uploadLimit\.unit/,
    );
  });

  it("normalises gcs `credentials` (string or object) to credentialsJson", () => {
    const base = { type: "gcs", bucket: "b", projectId: "p" };
    expect(repositoryConfigSchema.parse({ ...base, credentials: '{"a":1}' })).toMatchObject({
      credentialsJson: '{"a":1}',
    });
    const parsed = repositoryConfigSchema.parse({ ...base, credentials: { a: 1 } });
    expect(parsed).toMatchObject({ credentialsJson: '{"a":1}' });
    expect(parsed).not.toHaveProperty("credentials");
    expect(firstMessage(base)).toBe("credentialsJson is required");
  });

  it("fills bandwidth defaults", () => {
    const parsed = repositoryConfigSchema.parse({ type: "local", path: "/r", downloadLimit: {} });
    expect(parsed.downloadLimit).toEqual({ enabled: false, value: 1, unit: "Mbps" });
  });

  describe("sftp", () => {
    const key = makeKey("");
    const base = { type: "sftp", host: "h", user: "u", path: "/p", privateKey: key };

    it("takes the port as a string or a number, default 22", () => {
      expect(repositoryConfigSchema.parse(base)).toMatchObject({ port: 22, skipHostKeyCheck: false });
      expect(repositoryConfigSchema.parse({ ...base, port: "2222" })).toMatchObject({ port: 2222 });
      expect(repositoryConfigSchema.parse({ ...base, port: 65535 })).toMatchObject({ port: 65535 });
      expect(firstMessage({ ...base, port: 0 })).toMatch(/port must be between 1 and 65535/);
      expect(firstMessage({ ...base, port: "70000" })).toMatch(/port must be between 1 and 65535/);
      expect(firstMessage({ ...base, port: "ssh" })).toMatch(/^port must be/);
    });

    it("refuses passphrase-protected keys, PEM and OpenSSH format alike", () => {
      const pem =
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES\n\nabc\n-----END RSA PRIVATE KEY-----";
      expect(firstMessage({ ...base, privateKey: pem })).toMatch(/privateKey is protected by a passphrase/);
      expect(isEncryptedPrivateKey(makeKey("secret passphrase"))).toBe(true);
      expect(isEncryptedPrivateKey(key)).toBe(false);
    });
  });

  it("refuses values that would carry an option or a second argument to restic, rclone or ssh", () => {
    const key = "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----";
    const sftp = { type: "sftp", host: "nas", user: "backup", path: "/srv", privateKey: key };
    expect(firstMessage({ ...sftp, host: "x -oProxyCommand=touch$IFS$9marker" })).toMatch(/^host must be a host name/);
    expect(firstMessage({ ...sftp, host: "-oProxyCommand=touch" })).toMatch(/^host must be a host name/);
    expect(firstMessage({ ...sftp, user: "-oProxyCommand=x" })).toMatch(/^user may contain only/);
    expect(firstMessage({ ...sftp, port: "22 -oProxyCommand=x" })).toMatch(/^port must be/);
    const rclone = { type: "rclone", path: "repo" };
    expect(firstMessage({ ...rclone, remote: ":http,url=http://169.254.169.254/" })).toMatch(/no ':backend,option='/);
    expect(firstMessage({ ...rclone, remote: "nas:sub/dir" })).toMatch(/no ':backend,option='/);
    expect(firstMessage({ ...rclone, remote: "--config=/etc/passwd" })).toMatch(/must not start with "-"/);
    expect(repositoryConfigSchema.parse({ ...rclone, remote: "nas:" })).toMatchObject({ remote: "nas" });
    const s3 = { type: "s3", bucket: "b", accessKeyId: "k", secretAccessKey: "s" };
    expect(firstMessage({ ...s3, endpoint: "https://user:pw@s3.example.com" })).toMatch(/^endpoint must be a host/);
    expect(firstMessage({ ...s3, endpoint: "s3.example.com", region: "eu -o s3.x=y" })).toMatch(/region/);
    expect(firstMessage({ type: "rest", url: "file:///etc/passwd" })).toMatch(/^url must be a URL/);
  });

  it("lists the secret fields of every backend, customPassword included", () => {
    expect(SECRET_FIELDS.s3).toEqual(["accessKeyId", "secretAccessKey", "customPassword"]);
    expect(SECRET_FIELDS.sftp).toContain("privateKey");
    for (const fields of Object.values(SECRET_FIELDS)) expect(fields).toContain("customPassword");
  });
});
