// Who may keep a repository where. Instance admins run the machine: a local repository may be on any path outside
// DATA_DIR (a USB disk, a NAS mount) and any configured rclone remote is theirs. Members (everyone else) keep local
// repositories under REPOSITORY_ROOTS, use only the rclone remotes listed in RCLONE_MEMBER_REMOTES, and may not point
// the server at loopback, link-local or itself (net/outbound-policy.ts). For everyone: a local path is absolute and
// resolved through symlinks, and nothing inside DATA_DIR but DATA_DIR/repositories is allowed (so the REST server's
// append-only repositories under DATA_DIR/rest, the database and the secrets cannot be opened as a repository).
import path from "node:path";
import type { AuthContext } from "@/server/auth/auth-context";
import { getConfig } from "@/server/config";
import { resolveHostPath } from "@/server/filesystem/host-path";
import { BadRequestError, ForbiddenError } from "@/server/http/errors";
import { assertOutboundAllowed, portOf } from "@/server/net/outbound-policy";
import { listRcloneRemotes, type RcloneRemote } from "@/server/restic/rclone-remotes";
import { parseEndpoint, type RepositoryConfig } from "./repository-config.schema";

type Caller = Pick<AuthContext, "user">;

const isInstanceAdmin = (auth: Caller) => auth.user.role === "admin";

/** Where a local repository may be, for this caller: the resolved path, or a 403 that never says whether it exists. */
export function resolveLocalRepositoryPath(auth: Caller, input: string): Promise<string> {
  const { repositoryRoots, repositoriesDir } = getConfig();
  return resolveHostPath(input, {
    field: "config.path",
    roots: isInstanceAdmin(auth) ? undefined : repositoryRoots,
    dataDirExceptions: [repositoriesDir],
  });
}

/** The rclone remotes this caller may use: all configured ones for admins, the allowed ones for members. */
export async function listUsableRcloneRemotes(auth: Caller): Promise<RcloneRemote[]> {
  const remotes = await listRcloneRemotes();
  if (isInstanceAdmin(auth)) return remotes;
  const allowed = getConfig().rcloneMemberRemotes;
  return remotes.filter((remote) => allowed.includes(remote.name));
}

async function assertRcloneRemote(auth: Caller, remote: string): Promise<void> {
  const configured = await listRcloneRemotes();
  if (!configured.some((entry) => entry.name === remote)) {
    throw new BadRequestError(`config.remote: there is no remote named "${remote}" in the rclone config`);
  }
  if (!(await listUsableRcloneRemotes(auth)).some((entry) => entry.name === remote)) {
    throw new ForbiddenError(
      `config.remote: members may use only the rclone remotes an instance admin allowed (RCLONE_MEMBER_REMOTES)`,
    );
  }
}

/** Members may not make the server connect to loopback, link-local or itself (admins may). */
async function assertMemberEgress(config: RepositoryConfig): Promise<void> {
  switch (config.backend) {
    case "rest": {
      const url = new URL(config.url);
      return assertOutboundAllowed({ host: url.hostname, port: portOf(url) }, "config.url");
    }
    case "s3":
    case "r2": {
      const url = parseEndpoint(config.endpoint);
      if (!url) throw new BadRequestError("config.endpoint must be a host name or an http(s) URL");
      return assertOutboundAllowed({ host: url.hostname, port: portOf(url) }, "config.endpoint");
    }
    case "sftp":
      return assertOutboundAllowed({ host: config.host, port: config.port }, "config.host");
    case "azure": {
      const host = `${config.accountName}.blob.${config.endpointSuffix ?? "core.windows.net"}`;
      return assertOutboundAllowed({ host, port: 443 }, "config.endpointSuffix");
    }
    default:
      return;
  }
}

/**
 * The config as it will be stored and handed to restic, once this caller may use it. A new local repository goes
 * into `<resolved path>/<folder>`; an imported one is used at its resolved path. The resolved path is what is
 * recorded, and the only thing a purge will ever delete.
 */
export async function applyRepositoryPolicy(
  auth: Caller,
  config: RepositoryConfig,
  options: { newFolder?: string } = {},
): Promise<RepositoryConfig> {
  if (config.backend === "local") {
    const resolved = await resolveLocalRepositoryPath(auth, config.path);
    return { ...config, path: options.newFolder ? path.join(resolved, options.newFolder) : resolved };
  }
  if (config.backend === "rclone") await assertRcloneRemote(auth, config.remote);
  if (!isInstanceAdmin(auth)) await assertMemberEgress(config);
  return config;
}
