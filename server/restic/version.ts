// What the installed restic can do. Read once per binary (memoised on globalThis so instrumentation and route
// bundles share it) and consulted wherever an argument or a parser depends on the version.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { getConfig } from "@/server/config";
import { buildBaseEnv } from "./base-env";
import { ResticUnsupportedError } from "./errors";

const execFileAsync = promisify(execFile);

export type ResticVersion = { major: number; minor: number; patch: number };

/** First restic release offering each capability the runner depends on. */
const MINIMUM_VERSIONS = {
  /** `repair index` (else `rebuild-index`). */
  repairIndex: "0.16.0",
  /** `restore --overwrite`. */
  restoreOverwrite: "0.17.0",
  /** `restore --json` progress and summary. */
  restoreJson: "0.16.0",
  /** `<snapshot>:<subfolder>` in restore and dump. */
  snapshotSubfolder: "0.16.0",
  /** `ls --json` tags lines with `message_type` (0.14 only has `struct_type`). */
  lsMessageType: "0.17.0",
  /** `snapshots --json` carries each snapshot's backup `summary`. */
  snapshotSummary: "0.17.0",
  /** `check --json` with `suggest_repair_index`. */
  checkJson: "0.18.0",
  /** `-o sftp.args=` (else the whole ssh command goes into `sftp.command`). */
  sftpArgs: "0.16.1",
  /**
   * `restore` replaces a symlink (or file) it finds where the snapshot has a folder, as part of the 0.17 restore
   * rewrite; 0.14 writes through such a symlink, wherever it points. Older versions restore via a fresh staging folder.
   */
  restoreInPlace: "0.17.0",
  /** `dump --archive tar|zip` (before, dump wrote tar only and had no `--archive`). */
  dumpArchive: "0.12.0",
  /** `restore --exclude-xattr`. */
  restoreExcludeXattr: "0.18.0",
  /** Exit codes 10 (no repository) and 11 (locked); 12 (wrong password) from 0.17.1. */
  exitCodes: "0.17.0",
  /** `RESTIC_REST_USERNAME` / `RESTIC_REST_PASSWORD` (else credentials go into the URL). */
  restEnvCredentials: "0.16.1",
} as const;

export type ResticCapability = keyof typeof MINIMUM_VERSIONS;
export type ResticCapabilities = { version: string } & Record<ResticCapability, boolean>;

export function parseResticVersion(output: string): ResticVersion {
  const match = output.match(/restic (\d+)\.(\d+)\.(\d+)/);
  if (!match) throw new Error(`Cannot read the restic version from: ${output.trim().slice(0, 200)}`);
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

function atLeast(version: ResticVersion, wanted: string): boolean {
  const [major, minor, patch] = wanted.split(".").map(Number);
  if (version.major !== major) return version.major > major;
  if (version.minor !== minor) return version.minor > minor;
  return version.patch >= (patch ?? 0);
}

export function capabilitiesOf(version: ResticVersion): ResticCapabilities {
  const flags = Object.fromEntries(
    Object.entries(MINIMUM_VERSIONS).map(([capability, minimum]) => [capability, atLeast(version, minimum)]),
  ) as Record<ResticCapability, boolean>;
  return { version: `${version.major}.${version.minor}.${version.patch}`, ...flags };
}

const cache = globalThis as unknown as { __zerobyteResticCapabilities?: Map<string, Promise<ResticCapabilities>> };

/** Capabilities of the configured restic binary (or `bin`), read once per binary. */
export function getResticCapabilities(bin = getConfig().resticBin): Promise<ResticCapabilities> {
  cache.__zerobyteResticCapabilities ??= new Map();
  const known = cache.__zerobyteResticCapabilities.get(bin);
  if (known) return known;
  const pending = execFileAsync(bin, ["version"], {
    timeout: 15_000,
    env: buildBaseEnv() as NodeJS.ProcessEnv,
  }).then(({ stdout }) => capabilitiesOf(parseResticVersion(stdout)));
  // A failed read (binary missing) is not memoised, so fixing the installation needs no restart.
  pending.catch(() => cache.__zerobyteResticCapabilities?.delete(bin));
  cache.__zerobyteResticCapabilities.set(bin, pending);
  return pending;
}

/** Throws ResticUnsupportedError naming the version that `feature` needs when the installed restic lacks it. */
export function requireCapability(
  capabilities: ResticCapabilities,
  capability: ResticCapability,
  feature: string,
): void {
  if (!capabilities[capability]) {
    throw new ResticUnsupportedError(feature, MINIMUM_VERSIONS[capability], capabilities.version);
  }
}
