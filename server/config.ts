// The environment, read and validated once. A wrong value stops the start with one line saying what to set.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(4096),
  BASE_URL: z.url({ message: "BASE_URL must be a URL such as http://localhost:4096" }).optional(),
  APP_SECRET: z.string().optional(),
  APP_SECRET_FILE: z.string().optional(),
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z.string().optional(),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  RESTIC_BIN: z.string().min(1).default("restic"),
  RCLONE_BIN: z.string().min(1).default("rclone"),
  RCLONE_CONFIG: z.string().optional(),
  RESTIC_CACHE_DIR: z.string().optional(),
  RESTIC_HOSTNAME: z.string().min(1).default("zerobyte"),
  DISABLE_RATE_LIMITING: booleanFlag,
  RATE_LIMIT_MAX: positiveInt(1000),
  RATE_LIMIT_WINDOW_MS: positiveInt(5 * 60 * 1000),
  TRUST_PROXY: booleanFlag,
  MAX_CONCURRENT_JOBS: positiveInt(2),
  RESTIC_TIMEOUT_SECONDS: positiveInt(60),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TZ: z.string().optional(),
  REPOSITORY_ROOTS: z.string().optional(),
  VOLUME_ROOTS: z.string().optional(),
  VOLUME_PROBE_TIMEOUT_SECONDS: positiveInt(10),
  VOLUME_MOUNT_TIMEOUT_SECONDS: positiveInt(30),
  VOLUME_MONITOR_INTERVAL_SECONDS: positiveInt(300),
  RESTORE_ROOTS: z.string().optional(),
});

export type AppConfig = ReturnType<typeof buildConfig>;

export class ConfigError extends Error {}

const SECRET_HINT = "Set APP_SECRET (32 to 256 characters, e.g. `openssl rand -hex 32`) or APP_SECRET_FILE.";

function readAppSecret(env: z.infer<typeof envSchema>, dataDir: string): string {
  if (env.APP_SECRET && env.APP_SECRET_FILE) throw new ConfigError("Set APP_SECRET or APP_SECRET_FILE, not both.");
  let secret = env.APP_SECRET;
  if (env.APP_SECRET_FILE) {
    if (!existsSync(env.APP_SECRET_FILE))
      throw new ConfigError(`APP_SECRET_FILE ${env.APP_SECRET_FILE} does not exist.`);
    secret = readFileSync(env.APP_SECRET_FILE, "utf8").trim();
  }
  if (!secret && env.NODE_ENV !== "production") {
    // Development only: one generated secret, kept in DATA_DIR so stored secrets stay readable across restarts.
    const file = path.join(dataDir, "app_secret");
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
    }
    secret = readFileSync(file, "utf8").trim();
  }
  if (!secret) throw new ConfigError(`APP_SECRET is missing. ${SECRET_HINT}`);
  if (secret.length < 32 || secret.length > 256)
    throw new ConfigError(`APP_SECRET has the wrong length. ${SECRET_HINT}`);
  return secret;
}

/** A colon-separated list of absolute folders (REPOSITORY_ROOTS, VOLUME_ROOTS, RESTORE_ROOTS); unset or empty → undefined. */
function pathList(name: string, value: string | undefined): string[] | undefined {
  const entries = (value ?? "").split(":").filter(Boolean);
  if (entries.length === 0) return undefined;
  const relative = entries.find((entry) => !path.isAbsolute(entry));
  if (relative) throw new ConfigError(`Invalid ${name}: ${relative} is not an absolute path (use /a/b:/c/d)`);
  return entries.map((entry) => path.normalize(entry));
}

function buildConfig(source: NodeJS.ProcessEnv) {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid ${issue.path.join(".")}: ${issue.message}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), env.DATA_DIR);
  const baseUrl = (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  const repositoriesDir = path.join(/*turbopackIgnore: true*/ dataDir, "repositories");
  const restoresDir = path.join(/*turbopackIgnore: true*/ dataDir, "restores");
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    baseUrl,
    secureCookies: baseUrl.startsWith("https://"),
    appSecret: readAppSecret(env, dataDir),
    dataDir,
    databaseUrl: env.DATABASE_URL ?? `file:${path.join(/*turbopackIgnore: true*/ dataDir, "zerobyte.db")}`,
    databaseAuthToken: env.DATABASE_AUTH_TOKEN,
    resticBin: env.RESTIC_BIN,
    rcloneBin: env.RCLONE_BIN,
    rcloneConfig: env.RCLONE_CONFIG,
    resticCacheDir: env.RESTIC_CACHE_DIR ?? path.join(/*turbopackIgnore: true*/ dataDir, "restic-cache"),
    resticHostname: env.RESTIC_HOSTNAME,
    rateLimit: {
      enabled: !env.DISABLE_RATE_LIMITING && env.NODE_ENV !== "development",
      max: env.RATE_LIMIT_MAX,
      windowMs: env.RATE_LIMIT_WINDOW_MS,
    },
    trustProxy: env.TRUST_PROXY,
    maxConcurrentJobs: env.MAX_CONCURRENT_JOBS,
    /** How long an interactive restic command (init, import check, listing, stats) may run before it is abandoned. */
    resticTimeoutMs: env.RESTIC_TIMEOUT_SECONDS * 1000,
    logLevel: env.LOG_LEVEL,
    timezone: env.TZ,
    /** Where local repositories are created by default and where the REST server keeps its repositories. */
    repositoriesDir,
    restDir: path.join(/*turbopackIgnore: true*/ dataDir, "rest"),
    /** Where members may keep local repositories (instance admins may use any path outside DATA_DIR). */
    repositoryRoots: pathList("REPOSITORY_ROOTS", env.REPOSITORY_ROOTS) ?? [repositoriesDir],
    /** When set, directory volumes and the host browser are limited to these folders (for admins too). */
    volumeRoots: pathList("VOLUME_ROOTS", env.VOLUME_ROOTS),
    /** Where network volumes are mounted, one folder per volume shortId. */
    volumesDir: path.join(/*turbopackIgnore: true*/ dataDir, "volumes"),
    /** How long a health check or readiness probe of a volume may take before the volume counts as dead. */
    volumeProbeTimeoutMs: env.VOLUME_PROBE_TIMEOUT_SECONDS * 1000,
    /** How long sshfs, rclone or mount may take to mount a share. */
    volumeMountTimeoutMs: env.VOLUME_MOUNT_TIMEOUT_SECONDS * 1000,
    /** How often mounted volumes are health-checked and volumes in `error` remounted (when autoRemount is on). */
    volumeMonitorIntervalMs: env.VOLUME_MONITOR_INTERVAL_SECONDS * 1000,
    /** The restore folder inside DATA_DIR (allowed as a restore target although DATA_DIR is not). */
    restoresDir,
    /** Where members may restore to (instance admins may restore anywhere outside DATA_DIR). */
    restoreRoots: pathList("RESTORE_ROOTS", env.RESTORE_ROOTS) ?? [restoresDir],
  };
}

const holder = globalThis as unknown as { __zerobyteConfig?: AppConfig };

/** The validated configuration. Throws ConfigError with a one-line reason when the environment is wrong. */
export function getConfig(): AppConfig {
  holder.__zerobyteConfig ??= buildConfig(process.env);
  return holder.__zerobyteConfig;
}

/** Forget the cached configuration (tests that change the environment). */
export function resetConfig(): void {
  holder.__zerobyteConfig = undefined;
}
