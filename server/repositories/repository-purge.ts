// `DELETE …?purge=true`: deletes a repository's stored data as well as its record. Done only where it can be done
// safely and completely: the local folder recorded (resolved) when the repository was created or imported, while
// it still is that folder and still holds a restic repository; or a REST server that implements the protocol's
// repository DELETE (Zerobyte's own does), without following redirects. Other backends are refused before anything
// is deleted.
import { access, rm } from "node:fs/promises";
import path from "node:path";
import { getConfig } from "@/server/config";
import { isWithin, resolveHostPath } from "@/server/filesystem/host-path";
import { BadRequestError } from "@/server/http/errors";
import type { RepositoryConfigOf } from "@/server/repositories/repository-config.schema";
import type { ResticTarget } from "@/server/restic/run";

async function looksLikeResticRepository(folder: string): Promise<boolean> {
  const present = (name: string) =>
    access(path.join(folder, name)).then(
      () => true,
      () => false,
    );
  return (await present("config")) && (await present("keys"));
}

async function purgeRestRepository(config: RepositoryConfigOf<"rest">) {
  const url = new URL(
    `${config.url.replace(/\/+$/, "")}/${config.path ? `${config.path.replace(/^\/+|\/+$/g, "")}/` : ""}`,
  );
  const headers: Record<string, string> = {};
  if (config.username) {
    headers.authorization = `Basic ${Buffer.from(`${config.username}:${config.password ?? ""}`).toString("base64")}`;
  }
  // A redirect (a 307 keeps DELETE and the credentials) could aim the purge at another server: never followed.
  const response = await fetch(url, { method: "DELETE", headers, redirect: "manual" }).catch(() => null);
  if (!response?.ok) {
    throw new BadRequestError(
      `The REST server did not delete the repository (${response ? `HTTP ${response.status}` : "unreachable"}); nothing was deleted`,
    );
  }
}

/**
 * The folder a local purge may delete: the recorded path exactly as it resolves today (a symlink put in its place
 * since, or a path that was never resolved, is refused), outside DATA_DIR but for DATA_DIR/repositories, never a
 * root that holds other repositories, and holding a restic repository.
 */
async function purgeableFolder(config: RepositoryConfigOf<"local">): Promise<string> {
  const recorded = config.path;
  const { repositoriesDir, repositoryRoots } = getConfig();
  const resolved = await resolveHostPath(recorded, { field: "config.path", dataDirExceptions: [repositoriesDir] });
  if (resolved !== path.normalize(recorded)) {
    throw new BadRequestError(`${recorded} is no longer the folder that was recorded; nothing was deleted`);
  }
  if ([repositoriesDir, ...repositoryRoots].some((root) => isWithin(resolved, root))) {
    throw new BadRequestError(`${recorded} holds the repositories folder; nothing was deleted`);
  }
  if (!(await looksLikeResticRepository(resolved))) {
    throw new BadRequestError(`${recorded} does not hold a restic repository; nothing was deleted`);
  }
  return resolved;
}

export async function purgeRepositoryData(target: ResticTarget): Promise<void> {
  const { config } = target;
  if (config.backend === "local") {
    await rm(await purgeableFolder(config), { recursive: true, force: true });
    return;
  }
  if (config.backend === "rest") return purgeRestRepository(config);
  throw new BadRequestError(
    `Deleting stored data is not supported for ${config.backend} repositories; delete without purge and remove the data with your storage provider's tools`,
  );
}
