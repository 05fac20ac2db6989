// The mount commands each backend builds: what reaches argv, and that secrets never do. NFS and SMB cannot be mounted
// on these machines (no nfs/cifs in the kernel), so their commands are checked here.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeTempDir } from "@/test/fixtures/temp-dir";
import { type VolumeConfigOf, volumeConfigSchema } from "../volume-config.schema";
import { nfsMounter, smbMounter } from "./kernel-mount";
import { webdavUrl } from "./rclone-mount";
import { sshfsMounter } from "./sshfs";

const temp = makeTempDir("zerobyte-mount-commands-");
afterAll(temp.remove);
const target = { mountPoint: "/data/volumes/abcd1234", workDir: temp.dir };

describe("nfs", () => {
  it("mounts server:export with version and port, nolock for v3, ro when read-only", async () => {
    const config = volumeConfigSchema.parse({
      type: "nfs",
      server: "nas.lan",
      exportPath: "/srv/backup",
      version: "3",
      readOnly: true,
    });
    const command = await nfsMounter.prepare(config as VolumeConfigOf<"nfs">, target);
    expect(command.command).toBe("mount");
    expect(command.args).toEqual([
      "-t",
      "nfs",
      "-o",
      "vers=3,port=2049,nolock,ro",
      "nas.lan:/srv/backup",
      target.mountPoint,
    ]);
  });

  it("brackets an IPv6 server and has no nolock on v4.1", async () => {
    const config = volumeConfigSchema.parse({
      type: "nfs",
      server: "fd00::5",
      exportPath: "/e",
      version: "4.1",
      port: "2050",
    });
    const command = await nfsMounter.prepare(config as VolumeConfigOf<"nfs">, target);
    expect(command.args).toEqual(["-t", "nfs", "-o", "vers=4.1,port=2050", "[fd00::5]:/e", target.mountPoint]);
  });
});

describe("smb", () => {
  it("puts the credentials in a 0600 file that is removed after the mount, never in argv", async () => {
    const config = volumeConfigSchema.parse({
      type: "smb",
      server: "nas",
      share: "photos",
      username: "alice",
      password: "p,a=ss word",
      domain: "HOME",
      vers: "3.0",
    });
    const command = await smbMounter.prepare(config as VolumeConfigOf<"smb">, target);
    const credentials = path.join(temp.dir, "smb-credentials");
    expect(command.args).toEqual([
      "-t",
      "cifs",
      "-o",
      `port=445,iocharset=utf8,vers=3.0,credentials=${credentials}`,
      "//nas/photos",
      target.mountPoint,
    ]);
    expect(command.args.join(" ")).not.toContain("p,a=ss");
    expect(readFileSync(credentials, "utf8")).toBe("username=alice\npassword=p,a=ss word\ndomain=HOME\n");
    expect(statSync(credentials).mode & 0o777).toBe(0o600);
    expect(command.transientFiles).toEqual([credentials]);
  });

  it("mounts as guest without a user name, and leaves vers to the kernel on auto", async () => {
    const config = volumeConfigSchema.parse({ type: "smb", server: "nas", share: "public", readOnly: true });
    const command = await smbMounter.prepare(config as VolumeConfigOf<"smb">, target);
    expect(command.args[3]).toBe("port=445,iocharset=utf8,ro,guest");
  });

  it("refuses a password with a line break (it would add a line to the credentials file)", () => {
    const result = volumeConfigSchema.safeParse({
      type: "smb",
      server: "nas",
      share: "s",
      username: "a",
      password: "x\nuid=0",
    });
    expect(result.success).toBe(false);
  });
});

describe("sftp", () => {
  const base = { type: "sftp", host: "backup.lan", port: 2222, username: "alice", path: "/srv/My Files" };

  it("checks the host key against the given known_hosts and passes the password on stdin", async () => {
    const config = volumeConfigSchema.parse({
      ...base,
      password: "hunter2-secret",
      knownHosts: "backup.lan ssh-ed25519 AAAA",
    });
    const command = await sshfsMounter.prepare(config as VolumeConfigOf<"sftp">, target);
    expect(command.command).toBe("sshfs");
    expect(command.args[0]).toBe("alice@backup.lan:/srv/My Files");
    const options = command.args[3].split(",");
    expect(options).toEqual(
      expect.arrayContaining([
        "port=2222",
        "StrictHostKeyChecking=yes",
        `UserKnownHostsFile=${path.join(temp.dir, "known_hosts")}`,
        "password_stdin",
        "PreferredAuthentications=password",
        "reconnect",
      ]),
    );
    expect(command.args.join(" ")).not.toContain("hunter2");
    expect(command.stdin).toBe("hunter2-secret\n");
    expect(readFileSync(path.join(temp.dir, "known_hosts"), "utf8")).toBe("backup.lan ssh-ed25519 AAAA\n");
  });

  it("writes the private key to a 0600 file and never prompts", async () => {
    const key = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----";
    const config = volumeConfigSchema.parse({ ...base, privateKey: key, allowLegacySshRsa: true, readOnly: true });
    const command = await sshfsMounter.prepare(config as VolumeConfigOf<"sftp">, target);
    const keyFile = path.join(temp.dir, "id_key");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const options = command.args[3].split(",");
    expect(options).toEqual(
      expect.arrayContaining([
        `IdentityFile=${keyFile}`,
        "BatchMode=yes",
        "StrictHostKeyChecking=yes",
        "HostKeyAlgorithms=+ssh-rsa",
        "ro",
      ]),
    );
    expect(options).not.toContain("password_stdin");
    expect(command.stdin).toBeUndefined();
  });

  it("skips host key checking only when asked", async () => {
    const config = volumeConfigSchema.parse({ ...base, password: "pw", skipHostKeyCheck: true });
    const command = await sshfsMounter.prepare(config as VolumeConfigOf<"sftp">, target);
    expect(command.args[3]).toContain("StrictHostKeyChecking=no,UserKnownHostsFile=/dev/null");
  });
});

describe("webdav", () => {
  it("builds the URL rclone's WebDAV backend mounts, with the port only when it is not the default", () => {
    expect(webdavUrl({ server: "dav.lan", port: 80, path: "/" })).toBe("http://dav.lan/");
    expect(webdavUrl({ server: "dav.lan", port: 443, path: "/remote.php/dav", ssl: true })).toBe(
      "https://dav.lan/remote.php/dav",
    );
    expect(webdavUrl({ server: "dav.lan", port: 8080, path: "/My Files" })).toBe("http://dav.lan:8080/My%20Files");
  });
});
