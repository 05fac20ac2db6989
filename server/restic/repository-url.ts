// The repository string restic is given with `--repo`, per backend (reference §3.2).
import { BadRequestError } from "@/server/http/errors";
import type { RepositoryConfig, RepositoryConfigOf } from "@/server/repositories/repository-config.schema";
import type { ResticCapabilities } from "./version";

const withoutTrailingSlash = (value: string) => value.replace(/\/+$/, "");

function restUrl(config: RepositoryConfigOf<"rest">, capabilities: Pick<ResticCapabilities, "restEnvCredentials">) {
  const base = withoutTrailingSlash(config.url);
  const full = config.path ? `${base}/${config.path.replace(/^\/+/, "")}` : base;
  if (capabilities.restEnvCredentials || (!config.username && !config.password)) return `rest:${full}`;
  // restic <0.16.1 reads REST credentials only from the URL's userinfo.
  const url = new URL(full);
  url.username = encodeURIComponent(config.username ?? "");
  url.password = encodeURIComponent(config.password ?? "");
  return `rest:${url.toString().replace(/\/$/, full.endsWith("/") ? "/" : "")}`;
}

export function buildRepositoryUrl(
  config: RepositoryConfig,
  capabilities: Pick<ResticCapabilities, "restEnvCredentials">,
): string {
  switch (config.backend) {
    case "local":
      // Always with the scheme: a stored path is absolute and resolved, and restic must never read a scheme
      // (`rest:`, `sftp:` …) out of it.
      if (!config.path.startsWith("/")) throw new BadRequestError("config.path must be an absolute path");
      return `local:${config.path}`;
    case "s3":
      return `s3:${withoutTrailingSlash(config.endpoint)}/${config.bucket}`;
    case "r2":
      return `s3:${withoutTrailingSlash(config.endpoint.replace(/^https?:\/\//, ""))}/${config.bucket}`;
    case "gcs":
      return `gs:${config.bucket}:/`;
    case "azure":
      return `azure:${config.container}:/`;
    case "rclone":
      return `rclone:${config.remote.replace(/:$/, "")}:${config.path}`;
    case "rest":
      return restUrl(config, capabilities);
    case "sftp":
      return `sftp:${config.user}@${config.host}:${config.path}`;
  }
}
