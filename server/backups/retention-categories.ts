// Why each snapshot of a schedule survives its retention policy (reference §5.5): a dry run of the same forget
// labels snapshots with `retentionCategories` (last, hourly, daily, weekly, monthly, yearly, within, pinned).
import { and, eq } from "drizzle-orm";
import { database } from "@/db/client";
import { backupSchedules } from "@/db/schema";
import type { SnapshotDto } from "@/server/repositories/repositories.schema";
import { withRepository } from "@/server/repositories/repository-access";
import type { RepositoryRow } from "@/server/repositories/repository-store";
import { applyPolicy } from "./retention";

const CATEGORIES: [RegExp, string][] = [
  [/^last\b/, "last"],
  [/^hourly\b/, "hourly"],
  [/^daily\b/, "daily"],
  [/^weekly\b/, "weekly"],
  [/^monthly\b/, "monthly"],
  [/^yearly\b/, "yearly"],
  [/^within\b/, "within"],
  [/^has tags\b/, "pinned"],
];

/** restic's reasons ("daily snapshot", "within 1d", "has tags [keep]") as category names. */
export function categoriesOf(matches: string[]): string[] {
  const found = matches.flatMap((match) =>
    CATEGORIES.filter(([pattern]) => pattern.test(match)).map(([, name]) => name),
  );
  return [...new Set(found)];
}

/** `snapshots` (those of schedule `backupId` in `repository`) labelled; unchanged when the schedule has no policy. */
export async function withRetentionCategories(
  repository: RepositoryRow,
  backupId: string,
  snapshots: SnapshotDto[],
): Promise<SnapshotDto[]> {
  const db = await database();
  const [schedule] = await db
    .select()
    .from(backupSchedules)
    .where(and(eq(backupSchedules.shortId, backupId), eq(backupSchedules.repositoryId, repository.id)));
  if (!schedule?.retentionPolicy || snapshots.length === 0) return snapshots;
  const policy = schedule.retentionPolicy;
  const groups = await withRepository(repository, "shared", (target) =>
    applyPolicy(target, schedule, policy, { dryRun: true }),
  );
  // restic lists one reason per kept snapshot, in the same order; before 0.17 a reason's snapshot has no id.
  const reasons = new Map(
    groups.flatMap((group) =>
      group.reasons.map((reason, index) => [reason.snapshot.id ?? group.keep[index]?.id, categoriesOf(reason.matches)]),
    ),
  );
  return snapshots.map((snapshot) => ({ ...snapshot, retentionCategories: reasons.get(snapshot.id) ?? [] }));
}
