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

/** `TRUST_PROXY`: how many reverse proxies stand in front of the app (`true` = 1, unset or `false` = 0). */
const proxyCount = z
  .string()
  .optional()
  .transform((value, context) => {
    const text = (value ?? "").trim().toLowerCase();
    if (text === "" || text === "false") return 0;
    if (text === "true") return 1;
    if (/^\d{1,2}$/.test(text)) return Number(text);
    context.addIssue({ code: "custom", message: "must be true, false or the number of trusted proxies (0-99)" });
    return z.NEVER;
  });

/** A comma-separated list (OUTBOUND_ALLOWED_HOSTS, TRUSTED_ORIGINS, RCLONE_MEMBER_REMOTES). */
const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
  );

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
  TRUST_PROXY: proxyCount,
  TRUSTED_ORIGINS: commaList,
  OUTBOUND_ALLOWED_HOSTS: commaList,
  RCLONE_MEMBER_REMOTES: commaList,
  SERVER_HEADERS_TIMEOUT_SECONDS: positiveInt(30),
  SERVER_IDLE_TIMEOUT_SECONDS: positiveInt(120),
  MAX_CONCURRENT_JOBS: positiveInt(2),
  RESTIC_TIMEOUT_SECONDS: positiveInt(60),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TZ: z.string().optional(),
  REPOSITORY_ROOTS: z.string().optional(),
  VOLUME_ROOTS: z.string().optional(),
  WEBHOOK_ALLOWED_ORIGINS: z.string().optional(),
  NOTIFICATION_TIMEOUT_SECONDS: positiveInt(30),
  NOTIFICATION_PROVIDER_URLS_FOR_TESTS: z.string().optional(),
  OVERDUE_CLOCK_OFFSET_SECONDS_FOR_TESTS: z.coerce.number().int().default(0),
  WEBHOOK_TIMEOUT: positiveInt(60),
  SCHEDULER_POLL_SECONDS: positiveInt(60),
  VOLUME_PROBE_TIMEOUT_SECONDS: positiveInt(10),
  VOLUME_MOUNT_TIMEOUT_SECONDS: positiveInt(30),
  VOLUME_MONITOR_INTERVAL_SECONDS: positiveInt(300),
  RESTORE_ROOTS: z.string().optional(),
  METRICS_TOKEN: z.string().min(16, { message: "METRICS_TOKEN must be at least 16 characters" }).optional(),
  CRON_SECRET: z.string().min(16, { message: "CRON_SECRET must be at least 16 characters" }).optional(),
  SCHEDULER: z.enum(["on", "off"], { message: "SCHEDULER must be on or off" }).default("on"),
  PROVISIONING_PATH: z.string().min(1).optional(),
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

/** `scheme://host[:port]` as written in an allow-list; also for schemes the URL standard gives no origin (smtp). */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** WEBHOOK_ALLOWED_ORIGINS: a comma-separated list of origins, normalised the way outbound URLs are compared. */
function originList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const url = URL.parse(entry);
      if (!url?.host || (url.pathname !== "/" && url.pathname !== "") || url.search || url.username)
        throw new ConfigError(
          `Invalid WEBHOOK_ALLOWED_ORIGINS: "${entry}" is not an origin such as https://ntfy.example.com or http://10.0.0.5:8080`,
        );
      return originOf(url);
    });
}

/**
 * NOTIFICATION_PROVIDER_URLS_FOR_TESTS: `slack=http://127.0.0.1:5000,telegram=…`. Lets tests point the fixed providers
 * (Slack, Discord, Pushover, Telegram, ntfy.sh, hc-ping.com) at a local receiver; not an API field, so users cannot
 * redirect a destination with it.
 */
function providerUrls(value: string | undefined): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const entry of (value ?? "").split(",").filter(Boolean)) {
    const [provider, url] = entry.split(/=(.*)/s, 2);
    if (!provider || !URL.canParse(url ?? ""))
      throw new ConfigError(`Invalid NOTIFICATION_PROVIDER_URLS_FOR_TESTS: "${entry}" is not provider=URL`);
    urls[provider.trim()] = url.trim().replace(/\/+$/, "");
  }
  return urls;
}

function trustedOrigins(baseUrl: string, extra: string[]): string[] {
  return [baseUrl, ...extra].map((entry) => {
    try {
      return new URL(entry).origin;
    } catch {
      throw new ConfigError(`Invalid TRUSTED_ORIGINS: ${entry} is not a URL such as https://backup.example.com`);
    }
  });
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
    /** Reverse proxies in front of the app: the client IP is the X-Forwarded-For entry this many hops from the right. */
    trustedProxies: env.TRUST_PROXY,
    /** Origins (besides BASE_URL's) that browsers may send cookie-authenticated state changes from. */
    trustedOrigins: trustedOrigins(baseUrl, env.TRUSTED_ORIGINS),
    /** Hosts, IPs or CIDR ranges members' repositories may reach although loopback, link-local or the app itself. */
    outboundAllowedHosts: env.OUTBOUND_ALLOWED_HOSTS,
    /** rclone remotes (from the rclone config) that members may use; instance admins may use every remote. */
    rcloneMemberRemotes: env.RCLONE_MEMBER_REMOTES,
    /** A client must send its request headers within this time, and a connection may sit silent this long. */
    headersTimeoutMs: env.SERVER_HEADERS_TIMEOUT_SECONDS * 1000,
    idleTimeoutMs: env.SERVER_IDLE_TIMEOUT_SECONDS * 1000,
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
    /** Origins outbound requests to user-chosen hosts (webhooks, self-hosted notification servers) may reach. */
    webhookAllowedOrigins: originList(env.WEBHOOK_ALLOWED_ORIGINS),
    /** How long one notification delivery (an SMTP session or an HTTP request) may take. */
    notificationTimeoutMs: env.NOTIFICATION_TIMEOUT_SECONDS * 1000,
    notificationProviderUrls: providerUrls(env.NOTIFICATION_PROVIDER_URLS_FOR_TESTS),
    /** Tests only: the overdue check sees the clock this far ahead, as if no backup had run meanwhile. */
    overdueClockOffsetMs: env.OVERDUE_CLOCK_OFFSET_SECONDS_FOR_TESTS * 1000,
    webhookTimeoutMs: env.WEBHOOK_TIMEOUT * 1000,
    /** How often the scheduler re-reads schedules that another instance may have changed (it also wakes at each due time). */
    schedulerPollMs: env.SCHEDULER_POLL_SECONDS * 1000,
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
    /** Bearer token Prometheus scrapes /metrics with; unset: only instance admins may read it. */
    metricsToken: env.METRICS_TOKEN,
    /** Bearer token of /api/v1/cron (hosts without a long-running process); unset: the endpoint is off. */
    cronSecret: env.CRON_SECRET,
    /** off: no in-process scheduler; something must call /api/v1/cron. */
    schedulerEnabled: env.SCHEDULER === "on",
    /** JSON file of repositories, volumes, destinations and schedules applied at start-up. */
    provisioningPath: env.PROVISIONING_PATH
      ? path.resolve(/*turbopackIgnore: true*/ process.cwd(), env.PROVISIONING_PATH)
      : undefined,
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
