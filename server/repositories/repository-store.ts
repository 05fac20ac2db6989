// Loading repositories of the caller's organization, and what restic needs to open one.
import { and, eq } from "drizzle-orm";
import { database } from "@/db/client";
import { repositories } from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { NotFoundError } from "@/server/http/errors";
import { getOrganizationResticPassword } from "@/server/organizations/organizations.service";
import type { ResticTarget } from "@/server/restic/run";
import type { RepositoryDto } from "./repositories.schema";
import { decryptConfigSecrets, maskConfigSecrets } from "./repository-secrets";

export type RepositoryRow = typeof repositories.$inferSelect;

export async function loadRepository(
  auth: Pick<AuthContext, "organizationId">,
  shortId: string,
): Promise<RepositoryRow> {
  const db = await database();
  const [row] = await db
    .select()
    .from(repositories)
    .where(and(eq(repositories.shortId, shortId), eq(repositories.organizationId, auth.organizationId)));
  if (!row) throw new NotFoundError("Repository not found");
  return row;
}

export async function updateRepositoryRow(id: string, values: Partial<RepositoryRow>): Promise<RepositoryRow> {
  const db = await database();
  const [row] = await db.update(repositories).set(values).where(eq(repositories.id, id)).returning();
  return row;
}

/** The config in clear and the password restic opens the repository with (custom on import, else the org's). */
export async function resticTargetFor(row: Pick<RepositoryRow, "config" | "organizationId">): Promise<ResticTarget> {
  const config = decryptConfigSecrets(row.config);
  const password = config.customPassword || (await getOrganizationResticPassword(row.organizationId));
  return { config, password };
}

export function toRepositoryDto(row: RepositoryRow): RepositoryDto {
  return {
    id: row.id,
    shortId: row.shortId,
    organizationId: row.organizationId,
    name: row.name,
    type: row.type,
    config: maskConfigSecrets(row.config),
    compressionMode: row.compressionMode,
    status: row.status,
    lastChecked: row.lastChecked,
    lastError: row.lastError,
    doctorResult: (row.doctorResult as RepositoryDto["doctorResult"]) ?? null,
    stats: (row.stats as RepositoryDto["stats"]) ?? null,
    statsUpdatedAt: row.statsUpdatedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
