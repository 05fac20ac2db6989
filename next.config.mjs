// JavaScript, not TypeScript: `next start` transpiles a next.config.ts with SWC, whose native addon then stays loaded
// in the server for good (24 MB of its 140 MB idle RSS).
/** @type {import("next").NextConfig} */
const nextConfig = {
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
  // Each page and route loads on its first request instead of all of them at start: the server idles at ~100 MB RSS
  // instead of ~116 MB, and a restic client that only talks to /rest never pays for the UI's modules.
  experimental: { preloadEntriesOnStart: false },
};

export default nextConfig;
