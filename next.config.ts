import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A separate build folder lets a second build run beside the usual one (parallel work on one checkout).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // `npm run build:standalone` only: tracing and copying the server's files costs build time the usual build skips.
  output: process.env.ZEROBYTE_STANDALONE === "1" ? "standalone" : undefined,
  // restic's REST protocol relies on trailing slashes (`{repo}/`, `{type}/`); never redirect them away.
  skipTrailingSlashRedirect: true,
  serverExternalPackages: ["@libsql/client", "libsql", "pino", "pino-pretty", "prom-client"],
  poweredByHeader: false,
  // `npm run typecheck` type-checks the whole project (tests included) before the build; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
