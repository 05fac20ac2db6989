// TEMPORARY until notifications' dispatch lands.
import { getLogger } from "@/server/logging/logger";
import type { RepositoryRow } from "@/server/repositories/repository-store";
import type { CheckResultRow } from "./check-store";

export function notifyCheckFailure(repository: RepositoryRow, check: CheckResultRow): void {
  getLogger().warn({ repositoryId: repository.shortId, checkId: check.id }, "integrity check failed");
}
