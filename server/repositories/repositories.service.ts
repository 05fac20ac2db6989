import { and, asc, eq, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { z } from "zod";
import { type Database, database } from "@/db/client";
import { repositories } from "@/db/schema";
import { recordAudit } from "@/server/audit/audit.service";
import type { AuthContext } from "@/server/auth/auth-context";
import { getConfig } from "@/server/config";
import { BadRequestError, ConflictError } from "@/server/http/errors";
import { getOrganizationResticPassword } from "@/server/organizations/organizations.service";
import { ResticError } from "@/server/restic/errors";
import { initRepository } from "@/server/restic/init";
import type { ResticTarget } from "@/server/restic/run";
import { listSnapshots } from "@/server/restic/snapshots";
import type { RepositoryStats } from "@/server/restic/stats";
import { unlockRepository as resticUnlock } from "@/server/restic/unlock";
import { dropIndexDb, indexBytes } from "@/server/snapshot-index/index-store";
import type { createRepositoryBodySchema, RepositoryStatsDto, updateRepositoryBodySchema } from "./repositories.schema";
import { withRepository } from "./repository-access";
import type { RepositoryConfig } from "./repository-config.schema";
import { withRepositoryLock } from "./repository-lock";
import { applyRepositoryPolicy } from "./repository-policy";
import { purgeRepositoryData } from "./repository-purge";
import { assertSecretsReentered, encryptConfigSecrets } from "./repository-secrets";
import { computeAndStoreStats } from "./repository-stats.service";
import { loadRepository, resticTargetFor, toRepositoryDto, updateRepositoryRow } from "./repository-store";
import { generateShortId } from "./short-id";
import { invalidateSnapshotCache } from "./snapshot-cache";

type CreateInput = z.output<typeof createRepositoryBodySchema>;
type UpdateInput = z.output<typeof updateRepositoryBodySchema>;

const EMPTY_STATS: RepositoryStats = {
  total_size: 0,
  total_uncompressed_size: 0,
  compression_ratio: 0,
  compression_progress: 0,
  compression_space_saving: 0,
  snapshots_count: 0,
  total_file_count: 0,
};

const prepareList = (db: Database) =>
  db
    .select()
    .from(repositories)
    .where(eq(repositories.organizationId, sql.placeholder("organizationId")))
    .orderBy(asc(repositories.createdAt))
    .prepare();
// The list is the most requested route; its SQL is built once per connection instead of on every request.
const listStatements = new WeakMap<Database, ReturnType<typeof prepareList>>();

export async function listRepositories(auth: AuthContext) {
  const db = await database();
  let statement = listStatements.get(db);
  if (!statement) {
    statement = prepareList(db);
    listStatements.set(db, statement);
  }
  const rows = await statement.all({ organizationId: auth.organizationId });
  return rows.map(toRepositoryDto);
}

export async function getRepository(auth: AuthContext, shortId: string) {
  return toRepositoryDto(await loadRepository(auth, shortId));
}

async function assertNameFree(auth: AuthContext, name: string, exceptId?: string) {
  const db = await database();
  const [clash] = await db
    .select({ id: repositories.id })
    .from(repositories)
    .where(and(eq(repositories.organizationId, auth.organizationId), eq(repositories.name, name)));
  if (clash && clash.id !== exceptId) throw new ConflictError(`A repository named "${name}" already exists`);
}

/**
 * restic refusing to create a repository at the given place (no such folder, no permission, bucket missing) is a
 * problem with the config the user gave: a 400 that says restic's reason, not a server error.
 */
function explainInitFailure(error: unknown): never {
  if (!(error instanceof ResticError) || error.kind !== "failed") throw error;
  const reason = error.details
    ?.split("\n")
    .find((line) => line.trim())
    ?.replace(/^(Fatal: )+/, "");
  throw new BadRequestError(`Could not create the repository: ${reason ?? error.message}`, { details: error.details });
}

/**
 * Initialises a new repository with restic (a new local one goes to `<path>/<shortId>`), or proves an existing one
 * opens. Nothing is stored unless restic succeeded, so a failed init leaves no row behind.
 */
export async function createRepository(auth: AuthContext, input: CreateInput) {
  await assertNameFree(auth, input.name);
  const shortId = generateShortId();
  const importing = input.config.isExistingRepository === true;
  const config: RepositoryConfig = await applyRepositoryPolicy(auth, input.config, {
    newFolder: importing ? undefined : shortId,
  });
  const target: ResticTarget = {
    config,
    password: (importing && config.customPassword) || (await getOrganizationResticPassword(auth.organizationId)),
  };
  const timeoutMs = getConfig().resticTimeoutMs;
  if (importing) await listSnapshots(target, { timeoutMs });
  else await initRepository(target, { timeoutMs }).catch(explainInitFailure);

  const db = await database();
  const now = Date.now();
  const [row] = await db
    .insert(repositories)
    .values({
      id: uuidv7(),
      shortId,
      organizationId: auth.organizationId,
      name: input.name,
      type: config.backend,
      config: encryptConfigSecrets(importing ? config : { ...config, customPassword: undefined }),
      compressionMode: input.compressionMode,
      status: "healthy",
      lastChecked: now,
    })
    .returning();
  return { message: "Repository created", repository: toRepositoryDto(row) };
}

/** Renames, changes compression, or changes the backend config (proved to open before it is saved). */
export async function updateRepository(auth: AuthContext, shortId: string, input: UpdateInput) {
  const row = await loadRepository(auth, shortId);
  if (input.name !== undefined) await assertNameFree(auth, input.name, row.id);
  const changes: Partial<typeof row> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.compressionMode !== undefined) changes.compressionMode = input.compressionMode;
  if (input.config) {
    if (input.config.backend !== row.type) throw new BadRequestError("Repository backend cannot be changed");
    assertSecretsReentered(row.config, input.config);
    const config = await applyRepositoryPolicy(auth, { ...input.config, isExistingRepository: true });
    const stored = encryptConfigSecrets(config, row.config);
    if (JSON.stringify(stored) !== JSON.stringify(row.config)) {
      await withRepositoryLock(row.id, "shared", async () =>
        listSnapshots(await resticTargetFor({ ...row, config: stored })),
      );
      Object.assign(changes, {
        config: stored,
        status: "healthy",
        lastChecked: Date.now(),
        lastError: null,
        doctorResult: null,
        stats: null,
        statsUpdatedAt: null,
      });
      invalidateSnapshotCache(row.id);
    }
  }
  if (Object.keys(changes).length === 0) return toRepositoryDto(row);
  return toRepositoryDto(await updateRepositoryRow(row.id, changes));
}

/** Removes the record; the stored backup data stays unless `purge` is asked for. */
export async function deleteRepository(auth: AuthContext, shortId: string, options: { purge: boolean }) {
  const row = await loadRepository(auth, shortId);
  if (options.purge) {
    await withRepository(row, "exclusive", (target) => purgeRepositoryData(target));
  }
  const db = await database();
  await db.delete(repositories).where(eq(repositories.id, row.id));
  invalidateSnapshotCache(row.id);
  dropIndexDb(row.id);
  await recordAudit({
    action: options.purge ? "repository.purge" : "repository.delete",
    target: row.shortId,
    details: { name: row.name, type: row.type },
  });
  return { message: options.purge ? "Repository and its stored data deleted" : "Repository deleted" };
}

/** restic's figures as last computed, and the bytes the snapshot index takes now. */
export async function getRepositoryStats(auth: AuthContext, shortId: string): Promise<RepositoryStatsDto> {
  const row = await loadRepository(auth, shortId);
  return { ...((row.stats as RepositoryStats | null) ?? EMPTY_STATS), indexBytes: indexBytes(row.id) };
}

export async function refreshRepositoryStats(auth: AuthContext, shortId: string): Promise<RepositoryStatsDto> {
  const row = await loadRepository(auth, shortId);
  const stats = await computeAndStoreStats(row);
  return { ...stats, indexBytes: indexBytes(row.id) };
}

/** Removes stale locks only: a lock held by a live restic process elsewhere stays. */
export async function unlockRepository(auth: AuthContext, shortId: string) {
  const row = await loadRepository(auth, shortId);
  await withRepositoryLock(row.id, "exclusive", async () => resticUnlock(await resticTargetFor(row)));
  return { success: true, message: "Repository unlocked successfully" };
}
