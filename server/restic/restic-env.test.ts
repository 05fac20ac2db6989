import { readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type RepositoryConfigInput, repositoryConfigSchema } from "@/server/repositories/repository-config.schema";
import { buildBaseEnv } from "./base-env";
import { buildRepositoryUrl } from "./repository-url";
import { bandwidthKiBps, prepareBackend } from "./restic-env";
import { capabilitiesOf } from "./version";

const v018 = capabilitiesOf({ major: 0, minor: 18, patch: 0 });
const v014 = capabilitiesOf({ major: 0, minor: 14, patch: 0 });
const parse = (input: RepositoryConfigInput) => repositoryConfigSchema.parse(input);
const dirs: string[] = [];
const prepare = async (input: RepositoryConfigInput, capabilities = v018) => {
  const dir = await mkdtemp(path.join(tmpdir(), "zb-env-"));
  dirs.push(dir);
  return { dir, ...(await prepareBackend(parse(input), capabilities, dir)) };
};
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const s3 = { endpoint: "https://s3.example.com/", bucket: "bk", accessKeyId: "AKIA1", secretAccessKey: "SECRET1" };
const sftpKey = "-----BEGIN OPENSSH PRIVATE KEY-----\r\nb3BlbnNzaA==\r\n-----END OPENSSH PRIVATE KEY-----";

describe("repository URL", () => {
  it.each([
    [{ type: "local", path: "/data/repo" }, "/data/repo"],
    [{ type: "s3", ...s3 }, "s3:https://s3.example.com/bk"],
    [{ type: "r2", ...s3, endpoint: "https://acc.r2.cloudflarestorage.com/" }, "s3:acc.r2.cloudflarestorage.com/bk"],
    [{ type: "gcs", bucket: "g", projectId: "p", credentialsJson: "{}" }, "gs:g:/"],
    [{ type: "azure", container: "c", accountName: "n", accountKey: "k" }, "azure:c:/"],
    [{ type: "rclone", remote: "gdrive:", path: "backups/x" }, "rclone:gdrive:backups/x"],
    [{ type: "rest", url: "http://h:8000/", path: "/user/repo" }, "rest:http://h:8000/user/repo"],
    [{ type: "sftp", host: "h", user: "u", path: "/srv/r", privateKey: sftpKey }, "sftp:u@h:/srv/r"],
  ] as [RepositoryConfigInput, string][])("%o → %s", (input, url) => {
    expect(buildRepositoryUrl(parse(input), v018)).toBe(url);
  });

  it("puts REST credentials in the URL (percent-encoded) only for restic <0.16.1", () => {
    const config = parse({ type: "rest", url: "https://h:8000", path: "r", username: "us er", password: "p@ss/:w" });
    expect(buildRepositoryUrl(config, v018)).toBe("rest:https://h:8000/r");
    expect(buildRepositoryUrl(config, v014)).toBe("rest:https://us%20er:p%40ss%2F%3Aw@h:8000/r");
  });
});

describe("backend environment and flags", () => {
  it("s3: keys in env, region and huawei bucket lookup as options", async () => {
    const prepared = await prepare({ type: "s3", ...s3, region: "eu-west-1" });
    expect(prepared.env).toEqual({ AWS_ACCESS_KEY_ID: "AKIA1", AWS_SECRET_ACCESS_KEY: "SECRET1" });
    expect(prepared.args).toEqual(["-o", "s3.region=eu-west-1"]);
    expect(prepared.secrets).toEqual(["AKIA1", "SECRET1"]);
    const huawei = await prepare({ type: "s3", ...s3, endpoint: "obs.myhuaweicloud.com" });
    expect(huawei.args).toContain("s3.bucket-lookup=dns");
  });

  it("r2: region auto and path style", async () => {
    const prepared = await prepare({ type: "r2", ...s3 });
    expect(prepared.env).toMatchObject({ AWS_REGION: "auto", AWS_S3_FORCE_PATH_STYLE: "true" });
    expect(prepared.args).toEqual(["-o", "s3.region=auto"]);
  });

  it("gcs: credentials in a 0600 temp file", async () => {
    const prepared = await prepare({ type: "gcs", bucket: "g", projectId: "proj", credentialsJson: '{"k":"v"}' });
    expect(prepared.env.GOOGLE_PROJECT_ID).toBe("proj");
    const file = prepared.env.GOOGLE_APPLICATION_CREDENTIALS;
    expect(file.startsWith(prepared.dir)).toBe(true);
    expect(readFileSync(file, "utf8")).toBe('{"k":"v"}');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("azure: account in env, optional endpoint suffix", async () => {
    const prepared = await prepare({
      type: "azure",
      container: "c",
      accountName: "acct",
      accountKey: "KEY",
      endpointSuffix: "core.chinacloudapi.cn",
    });
    expect(prepared.env).toEqual({
      AZURE_ACCOUNT_NAME: "acct",
      AZURE_ACCOUNT_KEY: "KEY",
      AZURE_ENDPOINT_SUFFIX: "core.chinacloudapi.cn",
    });
  });

  it("rclone: program option, insecure TLS for rclone too", async () => {
    const prepared = await prepare({ type: "rclone", remote: "r", path: "p", insecureTls: true });
    expect(prepared.args).toEqual(["-o", "rclone.program=rclone", "--insecure-tls"]);
    expect(prepared.env).toEqual({ RCLONE_NO_CHECK_CERTIFICATE: "true" });
  });

  it("rest: credentials as env vars on ≥0.16.1, none on 0.14", async () => {
    const input = { type: "rest", url: "http://h/", username: "u", password: "pw" } as const;
    expect((await prepare(input)).env).toEqual({ RESTIC_REST_USERNAME: "u", RESTIC_REST_PASSWORD: "pw" });
    expect((await prepare(input, v014)).env).toEqual({});
  });

  describe("sftp", () => {
    const base = { type: "sftp", host: "example.org", user: "bob", path: "backups", privateKey: sftpKey } as const;

    it("passes ssh options through sftp.args on ≥0.16.1, key in a 0600 file with a final newline", async () => {
      const prepared = await prepare({ ...base, port: "2222", knownHosts: "example.org ssh-ed25519 AAAA" });
      expect(prepared.args[0]).toBe("-o");
      const value = prepared.args[1];
      expect(value.startsWith("sftp.args=-o LogLevel=ERROR -o BatchMode=yes")).toBe(true);
      for (const option of ["PasswordAuthentication=no", "IdentitiesOnly=yes", "ConnectTimeout=10"]) {
        expect(value).toContain(`-o ${option}`);
      }
      const knownHosts = path.join(prepared.dir, "known_hosts");
      expect(value).toContain(`-o StrictHostKeyChecking=yes -o UserKnownHostsFile=${knownHosts}`);
      expect(value).toMatch(/ -p 2222$/);
      const key = value.match(/-i (\S+)/)?.[1] ?? "";
      expect(readFileSync(key, "utf8")).toBe(`${sftpKey.replace(/\r\n/g, "\n")}\n`);
      expect(statSync(key).mode & 0o777).toBe(0o600);
      expect(readFileSync(knownHosts, "utf8")).toBe("example.org ssh-ed25519 AAAA\n");
    });

    it("falls back to sftp.command on restic <0.16.1", async () => {
      const prepared = await prepare(base, v014);
      expect(prepared.args[1]).toMatch(/^sftp\.command=ssh bob@example\.org -o LogLevel=ERROR .* -i \S+ -s sftp$/);
      expect(prepared.args[1]).not.toContain("-p ");
    });

    it("skips host key checks or allows legacy RSA on request", async () => {
      const prepared = await prepare({ ...base, skipHostKeyCheck: true, allowLegacySshRsa: true });
      expect(prepared.args[1]).toContain("-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null");
      expect(prepared.args[1]).toContain("-o HostKeyAlgorithms=+ssh-rsa -o PubkeyAcceptedAlgorithms=+ssh-rsa");
    });
  });

  it("cacert as a temp file, TLS and bandwidth flags", async () => {
    const prepared = await prepare({
      type: "local",
      path: "/r",
      cacert: "-----BEGIN CERTIFICATE-----",
      insecureTls: true,
      uploadLimit: { enabled: true, value: 10, unit: "Mbps" },
      downloadLimit: { enabled: false, value: 10, unit: "Mbps" },
    });
    const cacert = path.join(prepared.dir, "ca.pem");
    expect(prepared.args).toEqual(["--cacert", cacert, "--insecure-tls"]);
    expect(prepared.limitUpload).toEqual(["--limit-upload", "1220"]);
    expect(prepared.limitDownload).toEqual([]);
  });

  it("converts bandwidth to KiB/s, at least 1", () => {
    expect(bandwidthKiBps({ enabled: true, value: 1, unit: "Gbps" })).toBe(122070);
    expect(bandwidthKiBps({ enabled: true, value: 1, unit: "Kbps" })).toBe(1);
  });
});

describe("base environment", () => {
  it("keeps the app's secrets out and sets the cache dir", () => {
    const env = buildBaseEnv({ PATH: "/bin", HOME: "/root", APP_SECRET: "s", DATABASE_AUTH_TOKEN: "t" } as never);
    expect(env.APP_SECRET).toBeUndefined();
    expect(env.DATABASE_AUTH_TOKEN).toBeUndefined();
    expect(env).toMatchObject({ PATH: "/bin", HOME: "/root", RESTIC_PROGRESS_FPS: "1" });
    expect(env.RESTIC_CACHE_DIR).toMatch(/restic-cache$/);
  });
});
