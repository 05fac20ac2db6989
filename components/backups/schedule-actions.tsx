"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LinkButton } from "@/components/ui/link-button";
import { useTRPC } from "@/lib/trpc/client";
import {
  applyRetentionAction,
  deleteScheduleAction,
  runBackupNowAction,
  stopBackupAction,
  updateScheduleAction,
} from "@/server/actions/backups.actions";
import type { ScheduleDto } from "@/server/backups/backups.schema";

/** The buttons of a schedule's page: run now or stop, pause or resume, apply retention, edit, delete. */
export function ScheduleActions({ schedule, running }: { schedule: ScheduleDto; running: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.backups.pathKey() });
  const input = { shortId: schedule.shortId };
  const runNow = useServerAction(runBackupNowAction, refresh);
  const stop = useServerAction(stopBackupAction, refresh);
  const retention = useServerAction(applyRetentionAction);
  const toggle = useServerAction(updateScheduleAction, refresh);
  const remove = useServerAction(deleteScheduleAction, () => {
    queryClient.removeQueries({ queryKey: trpc.backups.get.queryKey(input) });
    queryClient.invalidateQueries({ queryKey: trpc.backups.list.queryKey() });
    router.push("/backups");
  });
  const [confirming, setConfirming] = useState(false);
  const failure = runNow.failure ?? stop.failure ?? retention.failure ?? toggle.failure;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {running ? (
          <Button variant="danger" pending={stop.pending} onClick={() => stop.run(input)}>
            Stop backup
          </Button>
        ) : (
          <Button pending={runNow.pending} onClick={() => runNow.run(input)}>
            Backup now
          </Button>
        )}
        {schedule.cronExpression && (
          <Button
            variant="secondary"
            pending={toggle.pending}
            onClick={() => toggle.run({ ...input, enabled: !schedule.enabled })}
          >
            {schedule.enabled ? "Pause" : "Resume"}
          </Button>
        )}
        {schedule.retentionPolicy && (
          <Button variant="secondary" pending={retention.pending} onClick={() => retention.run(input)}>
            Apply retention now
          </Button>
        )}
        <LinkButton variant="secondary" href={`/backups/${schedule.shortId}/edit`}>
          Edit
        </LinkButton>
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete
        </Button>
      </div>
      {failure && <Alert tone="error">{failure.message}</Alert>}
      {retention.data && <Alert tone="info">Retention started: old snapshots are being forgotten.</Alert>}
      <ConfirmDialog
        open={confirming}
        title={`Delete backup ${schedule.name}?`}
        confirmLabel="Delete backup"
        pending={remove.pending}
        error={remove.failure?.message}
        onConfirm={() => remove.run(input)}
        onCancel={() => setConfirming(false)}
      >
        <p>The schedule is deleted. Its snapshots stay in the repository.</p>
      </ConfirmDialog>
    </div>
  );
}
