// A schedule's mirrors (reference §1.6): which repositories receive copies, which could, whether they are complete,
// and a manual sync.
import { and, desc, eq, ne } from "drizzle-orm";
import type { z } from "zod";
import { database } from "@/db/client";
import { backupScheduleMirrors, repositories, tasks } from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { getConfig } from "@/server/config";
import { BadRequestError, NotFoundError } from "@/server/http/errors";
import { withRepository } from "@/server/repositories/repository-access";
import { decryptConfigSecrets } from "@/server/repositories/repository-secrets";
import { type RepositoryRow, toRepositoryDto } from "@/server/repositories/repository-store";
import { listSnapshots } from "@/server/restic/snapshots";
import { findOrgRepository, loadSchedule, type ScheduleRow } from "./backup-store";
import type { mirrorSchema, mirrorsBodySchema } from "./backups.schema";
import { mirrorCompatibility } from "./mirror-compatibility";
import { mirrorsOf, mirrorTaskKey, startMirrorSync } from "./mirror-sync";

type MirrorDto = z.infer<typeof mirrorSchema>;

const compatibilityOf = (source: RepositoryRow, mirror: RepositoryRow) =>
  mirrorCompatibility(decryptConfigSecrets(source.config), decryptConfigSecrets(mirror.config));

async function lastSyncTask(schedule: ScheduleRow, mirror: RepositoryRow): Promise<MirrorDto["lastSyncTask"]> {
  const db = await database();
  const [task] = await db
    .select({ id: tasks.id, status: tasks.status, error: tasks.error, finishedAt: tasks.finishedAt })
    .from(tasks)
    .where(eq(tasks.exclusiveKey, mirrorTaskKey(schedule.id, mirror.id)))
    .orderBy(desc(tasks.createdAt))
    .limit(1);
  return task ?? null;
}

async function mirrorDtos(schedule: ScheduleRow): Promise<MirrorDto[]> {
  const rows = await mirrorsOf(schedule.id);
  return Promise.all(
    rows.map(async ({ mirror, repository }) => ({
      id: mirror.id,
      scheduleId: schedule.shortId,
      repositoryId: repository.shortId,
      enabled: mirror.enabled,
      lastSyncTask: await lastSyncTask(schedule, repository),
      createdAt: mirror.createdAt,
      repository: toRepositoryDto(repository),
    })),
  );
}

export async function listMirrors(auth: AuthContext, shortId: string) {
  return mirrorDtos(await loadSchedule(auth, shortId));
}

/** Replaces the schedule's mirrors; every one must be another, compatible repository of the organization. */
export async function replaceMirrors(auth: AuthContext, shortId: string, body: z.output<typeof mirrorsBodySchema>) {
  const schedule = await loadSchedule(auth, shortId);
  const source = await findOrgRepository(auth, schedule.repositoryId);
  const chosen = new Map<string, { repository: RepositoryRow; enabled: boolean }>();
  for (const entry of body.mirrors) {
    const repository = await findOrgRepository(auth, entry.repositoryId);
    if (repository.id === source.id) throw new BadRequestError("Cannot add the primary repository as a mirror");
    const { compatible, reason } = compatibilityOf(source, repository);
    if (!compatible) throw new BadRequestError(`Repository ${repository.name} cannot be a mirror: ${reason}`);
    chosen.set(repository.id, { repository, enabled: entry.enabled });
  }
  const db = await database();
  await db.transaction(async (tx) => {
    await tx.delete(backupScheduleMirrors).where(eq(backupScheduleMirrors.scheduleId, schedule.id));
    if (chosen.size === 0) return;
    await tx.insert(backupScheduleMirrors).values(
      [...chosen.values()].map(({ repository, enabled }) => ({
        scheduleId: schedule.id,
        repositoryId: repository.id,
        enabled,
      })),
    );
  });
  return mirrorDtos(schedule);
}

/** Every other repository of the organization, and whether it could mirror this schedule's repository. */
export async function listMirrorCompatibility(auth: AuthContext, shortId: string) {
  const schedule = await loadSchedule(auth, shortId);
  const source = await findOrgRepository(auth, schedule.repositoryId);
  const db = await database();
  const others = await db
    .select()
    .from(repositories)
    .where(and(eq(repositories.organizationId, auth.organizationId), ne(repositories.id, source.id)))
    .orderBy(repositories.createdAt);
  return others.map((repository) => ({ repositoryId: repository.shortId, ...compatibilityOf(source, repository) }));
}

async function configuredMirror(auth: AuthContext, schedule: ScheduleRow, mirrorShortId: string) {
  const mirror = (await mirrorsOf(schedule.id)).find(({ repository }) => repository.shortId === mirrorShortId);
  if (!mirror) throw new NotFoundError("Mirror not configured for this schedule");
  return { source: await findOrgRepository(auth, schedule.repositoryId), mirror: mirror.repository };
}

/** Snapshots of the schedule in the source that the mirror lacks, matched by their time (a copy keeps it). */
export async function mirrorStatus(auth: AuthContext, shortId: string, mirrorShortId: string) {
  const schedule = await loadSchedule(auth, shortId);
  const { source, mirror } = await configuredMirror(auth, schedule, mirrorShortId);
  const options = { tags: [schedule.shortId], timeoutMs: getConfig().resticTimeoutMs };
  const [inSource, inMirror] = await Promise.all(
    [source, mirror].map((row) => withRepository(row, "shared", (target) => listSnapshots(target, options))),
  );
  const mirrored = new Set(inMirror.map((snapshot) => new Date(snapshot.time).getTime()));
  return {
    sourceCount: inSource.length,
    mirrorCount: inMirror.length,
    missingSnapshots: inSource
      .filter((snapshot) => !mirrored.has(new Date(snapshot.time).getTime()))
      .map((snapshot) => ({
        short_id: snapshot.short_id,
        time: snapshot.time,
        size: snapshot.summary?.total_bytes_processed ?? 0,
      })),
  };
}

/** Copies the given snapshots (default: every one of the schedule the mirror lacks); 409 while a sync runs. */
export async function syncMirror(auth: AuthContext, shortId: string, mirrorShortId: string, snapshotIds?: string[]) {
  const schedule = await loadSchedule(auth, shortId);
  const { source, mirror } = await configuredMirror(auth, schedule, mirrorShortId);
  const task = await startMirrorSync(schedule, source, mirror, "manual", snapshotIds);
  return { taskId: task.id, status: "started" as const };
}
