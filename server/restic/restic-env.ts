// Environment, global flags and temporary files restic needs for one repository (reference §3.2). Secrets land
// only in env vars and 0600 files inside the invocation's private temp dir, never in argv.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { getConfig } from "@/server/config";
import {
  type BandwidthLimit,
  type RepositoryConfig,
  type RepositoryConfigOf,
  SECRET_FIELDS,
} from "@/server/repositories/repository-config.schema";
import { buildRepositoryUrl } from "./repository-url";
import type { ResticCapabilities } from "./version";

export type PreparedBackend = {
  repository: string;
  env: Record<string, string>;
  /** Global flags (`-o`, TLS) that must precede the command name. */
  args: string[];
  limitUpload: string[];
  limitDownload: string[];
  /** Values to scrub from anything restic prints. */
  secrets: string[];
};

const BITS_PER_UNIT: Record<BandwidthLimit["unit"], number> = { Kbps: 1e3, Mbps: 1e6, Gbps: 1e9 };

/** restic's `--limit-*` flags take KiB/s. */
export function bandwidthKiBps(limit: BandwidthLimit): number {
  return Math.max(1, Math.floor((limit.value * BITS_PER_UNIT[limit.unit]) / 8 / 1024));
}

const limitArgs = (flag: string, limit: BandwidthLimit | undefined) =>
  limit?.enabled ? [flag, String(bandwidthKiBps(limit))] : [];

export async function writePrivateFile(dir: string, name: string, content: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, name);
  await writeFile(file, content, { mode: 0o600 });
  return file;
}

/** ssh options for an sftp repository: key auth only, never prompt, fail fast. */
export function sshOptions(config: RepositoryConfigOf<"sftp">, files: { key: string; knownHosts?: string }): string[] {
  const options = [
    "LogLevel=ERROR",
    "BatchMode=yes",
    "NumberOfPasswordPrompts=0",
    "PreferredAuthentications=publickey",
    "PasswordAuthentication=no",
    "KbdInteractiveAuthentication=no",
    "IdentitiesOnly=yes",
    "ConnectTimeout=10",
    "ConnectionAttempts=1",
    "ServerAliveInterval=60",
    "ServerAliveCountMax=240",
  ];
  if (config.allowLegacySshRsa) options.push("HostKeyAlgorithms=+ssh-rsa", "PubkeyAcceptedAlgorithms=+ssh-rsa");
  if (config.skipHostKeyCheck) options.push("StrictHostKeyChecking=no", "UserKnownHostsFile=/dev/null");
  else if (files.knownHosts) options.push("StrictHostKeyChecking=yes", `UserKnownHostsFile=${files.knownHosts}`);
  else options.push("StrictHostKeyChecking=yes");
  const args = options.flatMap((option) => ["-o", option]);
  args.push("-i", files.key);
  if (config.port !== 22) args.push("-p", String(config.port));
  return args;
}

async function sftpArgs(config: RepositoryConfigOf<"sftp">, capabilities: ResticCapabilities, dir: string) {
  // ssh refuses a key file without a final newline; pasted keys often lack it or carry CRLF.
  const key = await writePrivateFile(dir, "ssh-key", `${config.privateKey.replace(/\r\n/g, "\n").trim()}\n`);
  const knownHosts =
    !config.skipHostKeyCheck && config.knownHosts
      ? await writePrivateFile(dir, "known_hosts", `${config.knownHosts.trim()}\n`)
      : undefined;
  const ssh = sshOptions(config, { key, knownHosts }).join(" ");
  if (capabilities.sftpArgs) return ["-o", `sftp.args=${ssh}`];
  return ["-o", `sftp.command=ssh ${config.user}@${config.host} ${ssh} -s sftp`];
}

export async function prepareBackend(
  config: RepositoryConfig,
  capabilities: ResticCapabilities,
  dir: string,
): Promise<PreparedBackend> {
  const env: Record<string, string> = {};
  const args: string[] = [];
  switch (config.backend) {
    case "s3":
    case "r2":
      env.AWS_ACCESS_KEY_ID = config.accessKeyId;
      env.AWS_SECRET_ACCESS_KEY = config.secretAccessKey;
      if (config.backend === "r2") {
        env.AWS_REGION = "auto";
        env.AWS_S3_FORCE_PATH_STYLE = "true";
        args.push("-o", "s3.region=auto");
      } else if (config.region) {
        args.push("-o", `s3.region=${config.region}`);
      }
      if (config.endpoint.includes("myhuaweicloud")) args.push("-o", "s3.bucket-lookup=dns");
      break;
    case "gcs":
      env.GOOGLE_PROJECT_ID = config.projectId;
      env.GOOGLE_APPLICATION_CREDENTIALS = await writePrivateFile(dir, "gcs-credentials.json", config.credentialsJson);
      break;
    case "azure":
      env.AZURE_ACCOUNT_NAME = config.accountName;
      env.AZURE_ACCOUNT_KEY = config.accountKey;
      if (config.endpointSuffix) env.AZURE_ENDPOINT_SUFFIX = config.endpointSuffix;
      break;
    case "rclone":
      args.push("-o", `rclone.program=${getConfig().rcloneBin}`);
      if (config.insecureTls) env.RCLONE_NO_CHECK_CERTIFICATE = "true";
      break;
    case "rest":
      if (capabilities.restEnvCredentials) {
        if (config.username) env.RESTIC_REST_USERNAME = config.username;
        if (config.password) env.RESTIC_REST_PASSWORD = config.password;
      }
      break;
    case "sftp":
      args.push(...(await sftpArgs(config, capabilities, dir)));
      break;
    case "local":
      break;
  }
  if (config.cacert) args.push("--cacert", await writePrivateFile(dir, "ca.pem", config.cacert));
  if (config.insecureTls) args.push("--insecure-tls");
  const secretFields: readonly string[] = SECRET_FIELDS[config.backend];
  const secrets = Object.entries(config)
    .filter(([field, value]) => secretFields.includes(field) && typeof value === "string")
    .map(([, value]) => value as string);
  return {
    repository: buildRepositoryUrl(config, capabilities),
    env,
    args,
    limitUpload: limitArgs("--limit-upload", config.uploadLimit),
    limitDownload: limitArgs("--limit-download", config.downloadLimit),
    secrets,
  };
}
