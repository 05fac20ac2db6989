// The environment every restic and rclone process starts from: the few variables of the app's own environment they
// may need, plus restic's cache and progress settings. Everything else (APP_SECRET, DATABASE_AUTH_TOKEN...) stays out.
import { getConfig } from "@/server/config";

const PASSTHROUGH_ENV = [
  "PATH",
  "HOME",
  "TMPDIR",
  "USER",
  "LOGNAME",
  "LANG",
  "LC_ALL",
  "TZ",
  "GOMAXPROCS",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
];

export function buildBaseEnv(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const config = getConfig();
  const env: Record<string, string> = {};
  for (const name of PASSTHROUGH_ENV) {
    const value = source[name];
    if (value !== undefined) env[name] = value;
  }
  env.PATH ??= "/usr/local/bin:/usr/bin:/bin";
  env.RESTIC_CACHE_DIR = config.resticCacheDir;
  // restic prints progress only this often (and not at all for commands shorter than one period).
  env.RESTIC_PROGRESS_FPS = source.RESTIC_PROGRESS_FPS ?? "1";
  if (config.rcloneConfig) env.RCLONE_CONFIG = config.rcloneConfig;
  return env;
}
