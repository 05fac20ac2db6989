// `DELETE …?purge=true`: deletes a repository's stored data as well as its record. Done only where it can be done
// safely and completely: a local folder that really holds a restic repository, or a REST server that implements
// the protocol's repository DELETE (Zerobyte's own does). Other backends are refused before anything is deleted.
import { access, rm } from "node:fs/promises";
import path from "node:path";
import { BadRequestError } from "@/server/http/errors";
import type { ResticTarget } from "@/server/restic/run";

async function looksLikeResticRepository(folder: string): Promise<boolean> {
  const present = (name: string) =>
    access(path.join(folder, name)).then(
      () => true,
      () => false,
    );
  return (await present("config")) && (await present("keys"));
}

async function purgeRestRepository(config: Extract<ResticTarget["config"], { backend: "rest" }>) {
  const url = new URL(
    `${config.url.replace(/\/+$/, "")}/${config.path ? `${config.path.replace(/^\/+|\/+$/g, "")}/` : ""}`,
  );
  const headers: Record<string, string> = {};
  if (config.username) {
    headers.authorization = `Basic ${Buffer.from(`${config.username}:${config.password ?? ""}`).toString("base64")}`;
  }
  const response = await fetch(url, { method: "DELETE", headers }).catch(() => null);
  if (!response?.ok) {
    throw new BadRequestError(
      `The REST server did not delete the repository (${response ? `HTTP ${response.status}` : "unreachable"}); nothing was deleted`,
    );
  }
}

export async function purgeRepositoryData(target: ResticTarget): Promise<void> {
  const { config } = target;
  if (config.backend === "local") {
    if (!(await looksLikeResticRepository(config.path))) {
      throw new BadRequestError(`${config.path} does not hold a restic repository; nothing was deleted`);
    }
    await rm(config.path, { recursive: true, force: true });
    return;
  }
  if (config.backend === "rest") return purgeRestRepository(config);
  throw new BadRequestError(
    `Deleting stored data is not supported for ${config.backend} repositories; delete without purge and remove the data with your storage provider's tools`,
  );
}
