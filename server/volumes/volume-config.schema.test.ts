import { describe, expect, it } from "vitest";
import { volumeConfigSchema } from "./volume-config.schema";

const issue = (input: unknown) => {
  const result = volumeConfigSchema.safeParse(input);
  return result.success ? null : result.error.issues[0].message;
};

describe("volume config", () => {
  it("accepts `type` or `backend` and answers with both, with the reference's defaults", () => {
    expect(volumeConfigSchema.parse({ backend: "nfs", server: "nas", exportPath: "/e", version: "4" })).toMatchObject({
      type: "nfs",
      backend: "nfs",
      port: 2049,
    });
    expect(volumeConfigSchema.parse({ type: "smb", server: "nas", share: "s" })).toMatchObject({
      port: 445,
      vers: "auto",
    });
    expect(volumeConfigSchema.parse({ type: "webdav", server: "dav" })).toMatchObject({ port: 80, path: "/" });
    expect(
      volumeConfigSchema.parse({ type: "sftp", host: "h", username: "u", password: "p", path: "x" }),
    ).toMatchObject({
      port: 22,
      skipHostKeyCheck: false,
    });
  });

  it.each([
    [{ type: "zfs" }, /backend \(or type\) must be one of directory, nfs, smb, webdav, sftp, rclone/],
    [{ type: "nfs", backend: "smb", server: "nas", share: "s" }, /same backend/],
    [{ type: "nfs", server: "nas", exportPath: "/e" }, /version/],
    [{ type: "nfs", server: "nas", exportPath: "relative", version: "4" }, /absolute/],
    [{ type: "nfs", server: "nas; rm -rf /", exportPath: "/e", version: "4" }, /host name/],
    [{ type: "smb", server: "nas", share: "a/b" }, /share name/],
    [{ type: "smb", server: "nas", share: "-oguest" }, /must not start with "-"/],
    [{ type: "sftp", host: "h", username: "u", password: "p", path: "-x" }, /must not start with "-"/],
    [{ type: "sftp", host: "h", port: "22x", username: "u", password: "p", path: "x" }, /port/],
    [{ type: "sftp", host: "h", port: 65536, username: "u", password: "p", path: "x" }, /between 1 and 65535/],
    [{ type: "sftp", host: "h", username: "u", path: "x" }, /password or a privateKey/],
    [{ type: "rclone", remote: "nas:sub", path: "" }, /remote/],
    [{ type: "directory", path: "/srv", readOnly: true }, /not available for directory volumes/],
  ])("refuses %j", (input, message) => {
    expect(issue(input)).toMatch(message);
  });

  it("allows spaces inside remote paths (they travel inside one argument)", () => {
    expect(issue({ type: "sftp", host: "h", username: "u", password: "p", path: "/srv/My Files" })).toBeNull();
  });
});
