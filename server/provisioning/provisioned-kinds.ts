// How each kind of provisioned resource is created, updated and found again: through the same services as the API,
// with the body the file's entry validated to.
import type { ProvisionedKind } from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { loadSchedule } from "@/server/backups/backup-store";
import type { CreateScheduleInput } from "@/server/backups/backups.schema";
import { createSchedule, updateBackupSchedule } from "@/server/backups/backups.service";
import { setCheckSchedule } from "@/server/checks/checks.service";
import { NotFoundError } from "@/server/http/errors";
import { loadDestination } from "@/server/notifications/destination-store";
import { createDestination, updateDestination } from "@/server/notifications/destinations.service";
import { createRepository, updateRepository } from "@/server/repositories/repositories.service";
import { loadRepository } from "@/server/repositories/repository-store";
import { loadVolume } from "@/server/volumes/volume-store";
import { createVolume, updateVolume } from "@/server/volumes/volumes.service";
import type { ProvisionedEntry } from "./provisioning-file";

type Body = Record<string, unknown>;
type Adapter = {
  /** Whether the resource the mapping points at is still there (a user may have deleted it). */
  exists(auth: AuthContext, key: string): Promise<boolean>;
  /** Creates it; returns its key (shortId, or a destination's id). */
  create(auth: AuthContext, entry: ProvisionedEntry, body: Body): Promise<string>;
  update(auth: AuthContext, key: string, entry: ProvisionedEntry, body: Body): Promise<void>;
};

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
      await updateRepository(auth, key, body as Args<typeof updateRepository>[1]);
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
    create: async (auth, _entry, body) => (await createSchedule(auth, body as CreateScheduleInput)).shortId,
    update: async (auth, key, _entry, body) => {
      // The volume of a schedule cannot change (its snapshots would mix): the update leaves it out.
      const { volumeId: _, ...changes } = body;
      await updateBackupSchedule(auth, key, changes as Args<typeof updateBackupSchedule>[1]);
    },
  },
};
