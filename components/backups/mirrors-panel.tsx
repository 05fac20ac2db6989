"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { FormFailure } from "@/components/forms/form-failure";
import { SaveRow } from "@/components/forms/save-row";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { CheckboxField } from "@/components/ui/form-fields";
import { Panel } from "@/components/ui/panel";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { replaceMirrorsAction } from "@/server/actions/backups.actions";
import type { ScheduleDto } from "@/server/backups/backups.schema";
import { MirrorSync } from "./mirror-sync";

/** Other repositories each new snapshot is copied to (restic copy), with the last sync of each and "Sync now". */
export function MirrorsPanel({ schedule }: { schedule: ScheduleDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { shortId: schedule.shortId };
  const mirrors = useQuery(trpc.backups.mirrors.queryOptions(input));
  const compatibility = useQuery(trpc.backups.mirrorCompatibility.queryOptions(input));
  const repositories = useQuery(trpc.repositories.list.queryOptions());
  const [saved, setSaved] = useState(false);
  const refreshMirrors = () => queryClient.invalidateQueries({ queryKey: trpc.backups.mirrors.queryKey(input) });
  const save = useServerAction(replaceMirrorsAction, () => {
    setSaved(true);
    refreshMirrors();
  });
  const candidates = (compatibility.data ?? []).filter((entry) => entry.repositoryId !== schedule.repositoryId);
  const nameOf = (id: string) => repositories.data?.find((repository) => repository.shortId === id)?.name ?? id;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const chosen = candidates.filter((entry) => form.get(entry.repositoryId) === "on");
    save.run({ ...input, mirrors: chosen.map((entry) => ({ repositoryId: entry.repositoryId, enabled: true })) });
  }

  const error = mirrors.error ?? compatibility.error;
  return (
    <Panel title="Mirrors" description="Copy every new snapshot to other repositories too.">
      {error && <Alert tone="error">{error.message}</Alert>}
      {(!mirrors.data || !compatibility.data) && !error && <p className="text-sm text-zinc-500">Loading mirrors…</p>}
      {mirrors.data && compatibility.data && (
        <form onSubmit={onSubmit} onChange={() => setSaved(false)} className="flex flex-col gap-3">
          {candidates.length === 0 && <p className="text-sm text-zinc-500">No other repository to mirror to.</p>}
          {candidates.map((entry) => {
            const mirror = mirrors.data.find((item) => item.repositoryId === entry.repositoryId);
            const sync = mirror?.lastSyncTask;
            return (
              <div key={entry.repositoryId} className="flex flex-col gap-2">
                <CheckboxField
                  name={entry.repositoryId}
                  label={nameOf(entry.repositoryId)}
                  disabled={!entry.compatible}
                  defaultChecked={Boolean(mirror)}
                  hint={
                    !entry.compatible
                      ? (entry.reason ?? "Not compatible")
                      : sync
                        ? `Last sync: ${sync.status} ${formatDateTime(sync.finishedAt, "")}${sync.error ? ` (${sync.error})` : ""}`
                        : undefined
                  }
                />
                {mirror?.enabled && entry.compatible && (
                  <MirrorSync
                    scheduleShortId={schedule.shortId}
                    mirrorShortId={entry.repositoryId}
                    mirrorName={nameOf(entry.repositoryId)}
                    onSettled={refreshMirrors}
                  />
                )}
              </div>
            );
          })}
          <FormFailure failure={save.failure} />
          {candidates.length > 0 && <SaveRow label="Save mirrors" pending={save.pending} saved={saved} />}
        </form>
      )}
    </Panel>
  );
}
