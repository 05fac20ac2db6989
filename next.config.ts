import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  // restic's REST protocol relies on trailing slashes (`{repo}/`, `{type}/`); never redirect them away.
  skipTrailingSlashRedirect: true,
  serverExternalPackages: ["@libsql/client", "libsql", "pino", "pino-pretty"],
  outputFileTracingIncludes: { "**": ["./db/migrations/**/*"] },
  outputFileTracingExcludes: { "**": ["./data/**/*", "./.tools/**/*"] },
  poweredByHeader: false,
};

export default nextConfig;
