// How each kind of provisioned resource is created, updated and found again: through the same services as the API,
// with the body the file's entry validated to.

import path from "node:path";
import type { z } from "zod";
import type { ProvisionedKind } from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { loadSchedule } from "@/server/backups/backup-store";
import type { CreateScheduleInput } from "@/server/backups/backups.schema";
import { createSchedule, updateBackupSchedule } from "@/server/backups/backups.service";
import { setCheckSchedule } from "@/server/checks/checks.service";
import { NotFoundError } from "@/server/http/errors";
import { replaceAssignments } from "@/server/notifications/assignments.service";
import { loadDestination } from "@/server/notifications/destination-store";
import { createDestination, updateDestination } from "@/server/notifications/destinations.service";
import type { assignmentInputSchema } from "@/server/notifications/notifications.schema";
import { createRepository, updateRepository } from "@/server/repositories/repositories.service";
import { loadRepository } from "@/server/repositories/repository-store";
import { loadVolume } from "@/server/volumes/volume-store";
import { createVolume, updateVolume } from "@/server/volumes/volumes.service";
import type { ProvisionedEntry } from "./provisioning-file";

type Body = Record<string, unknown>;
/** What the entry's references became: a schedule's notification assignments with destination ids. */
export type Resolved = { assignments?: z.output<typeof assignmentInputSchema>[] };
type Adapter = {
  /** Whether the resource the mapping points at is still there (a user may have deleted it). */
  exists(auth: AuthContext, key: string): Promise<boolean>;
  /** Creates it; returns its key (shortId, or a destination's id). */
  create(auth: AuthContext, entry: ProvisionedEntry, body: Body, resolved: Resolved): Promise<string>;
  update(auth: AuthContext, key: string, entry: ProvisionedEntry, body: Body, resolved: Resolved): Promise<void>;
};

async function applyAssignments(auth: AuthContext, shortId: string, resolved: Resolved) {
  if (resolved.assignments) await replaceAssignments(auth, shortId, { assignments: resolved.assignments });
}

const found = (load: () => Promise<unknown>) =>
  load().then(
    () => true,
    (error) => {
      if (error instanceof NotFoundError) return false;
      throw error;
    },
  );

async function applyCheckSchedule(auth: AuthContext, shortId: string, entry: ProvisionedEntry) {
  if (entry.checkSchedule) await setCheckSchedule(auth, shortId, entry.checkSchedule);
}

/** A new local repository was created at `<path>/<shortId>` (as the API does): the same place on every update. */
function createdConfig(config: Body, shortId: string): Body {
  if (config.backend !== "local" || config.isExistingRepository) return config;
  return { ...config, path: path.join(String(config.path), shortId) };
}

type Args<F> = F extends (auth: AuthContext, ...rest: infer A) => unknown ? A : never;

export const ADAPTERS: Record<ProvisionedKind, Adapter> = {
  volume: {
    exists: (auth, key) => found(() => loadVolume(auth, key)),
    create: async (auth, _entry, body) => (await createVolume(auth, body as Args<typeof createVolume>[0])).shortId,
    update: async (auth, key, _entry, body) => {
      await updateVolume(auth, key, body as Args<typeof updateVolume>[1]);
    },
  },
  repository: {
    exists: (auth, key) => found(() => loadRepository(auth, key)),
    create: async (auth, entry, body) => {
      const { repository } = await createRepository(auth, body as Args<typeof createRepository>[0]);
      await applyCheckSchedule(auth, repository.shortId, entry);
      return repository.shortId;
    },
    update: async (auth, key, entry, body) => {
      await updateRepository(auth, key, { ...body, config: createdConfig(body.config as Body, key) } as never);
      await applyCheckSchedule(auth, key, entry);
    },
  },
  destination: {
    exists: (auth, key) => found(() => loadDestination(auth.organizationId, Number(key))),
    create: async (auth, _entry, body) =>
      String((await createDestination(auth, body as Args<typeof createDestination>[0])).id),
    update: async (auth, key, _entry, body) => {
      await updateDestination(auth, Number(key), body as Args<typeof updateDestination>[1]);
    },
  },
  schedule: {
    exists: (auth, key) => found(() => loadSchedule(auth, key)),
    create: async (auth, _entry, body, resolved) => {
      const { shortId } = await createSchedule(auth, body as CreateScheduleInput);
      await applyAssignments(auth, shortId, resolved);
      return shortId;
    },
    update: async (auth, key, _entry, body, resolved) => {
      // The volume of a schedule cannot change (its snapshots would mix): the update leaves it out.
      const { volumeId: _, ...changes } = body;
      await updateBackupSchedule(auth, key, changes as Args<typeof updateBackupSchedule>[1]);
      await applyAssignments(auth, key, resolved);
    },
  },
};
