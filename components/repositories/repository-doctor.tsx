"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TaskProgress } from "@/components/tasks/task-progress";
import { isTaskActive, useTaskEvents } from "@/components/tasks/use-task-events";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import type { DoctorResult, RepositoryDto } from "@/server/repositories/repositories.schema";

const STEP_NAMES: Record<string, string> = {
  unlock: "Remove stale locks",
  check: "Check the repository",
  repair_index: "Repair the index",
  doctor: "Doctor",
};

/** Unlock → check → repair the index when needed, followed live; the last run's steps with their output. */
export function RepositoryDoctor({ repository }: { repository: RepositoryDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { shortId: repository.shortId };
  // A doctor already running (started before this page opened, or elsewhere) is followed too.
  const running = useQuery(
    trpc.tasks.active.queryOptions({ kind: "doctor", resourceType: "repository", resourceId: repository.shortId }),
  );
  const start = useMutation(
    trpc.repositories.startDoctor.mutationOptions({
      // "already in progress": follow the run that is going on instead.
      onError: () => running.refetch(),
    }),
  );
  const cancel = useMutation(trpc.repositories.cancelDoctor.mutationOptions());
  const taskId = start.data?.taskId ?? running.data?.[0]?.id;
  const { task } = useTaskEvents(taskId, () =>
    queryClient.invalidateQueries({ queryKey: trpc.repositories.pathKey() }),
  );
  const active = task ? isTaskActive(task) : start.isPending;
  const error = start.error ?? cancel.error;

  return (
    <Panel
      title="Doctor"
      description="Removes stale locks, checks the repository's structure and rebuilds the index when the check finds damage."
    >
      <div className="flex flex-col gap-4">
        {error && <Alert tone="error">{error.message}</Alert>}
        {task && <TaskProgress task={task} label="Doctor progress" />}
        <div className="flex flex-wrap gap-2">
          <Button
            pending={active}
            onClick={() => {
              cancel.reset();
              start.mutate(input);
            }}
          >
            {active ? "Doctor running…" : "Run doctor"}
          </Button>
          {active && (
            <Button
              variant="secondary"
              pending={cancel.isPending || task?.cancellationRequested}
              onClick={() => cancel.mutate(input)}
            >
              Cancel doctor
            </Button>
          )}
        </div>
        {repository.doctorResult && <DoctorReport result={repository.doctorResult} />}
      </div>
    </Panel>
  );
}

function DoctorReport({ result }: { result: DoctorResult }) {
  return (
    <section aria-label="Last doctor run" className="flex flex-col gap-2">
      <h3 className="text-sm font-medium">
        Last run {formatDateTime(result.completedAt)}: {result.success ? "no problems found" : "problems found"}
      </h3>
      <ol className="flex flex-col divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {result.steps.map((step, index) => (
          // The same step can run twice (check, repair, check again).
          // biome-ignore lint/suspicious/noArrayIndexKey: steps are a fixed, append-only record
          <li key={index} className="flex flex-col gap-1.5 px-3 py-2.5 text-sm">
            <div className="flex items-center justify-between gap-2">
              <span className="font-medium">{STEP_NAMES[step.step] ?? step.step}</span>
              <span
                className={
                  step.success ? "text-emerald-700 dark:text-emerald-300" : "font-medium text-red-700 dark:text-red-300"
                }
              >
                {step.success ? "OK" : "Failed"}
              </span>
            </div>
            {step.error && <p className="text-red-700 dark:text-red-300">{step.error}</p>}
            {step.output && (
              <details>
                <summary className="cursor-pointer text-xs text-zinc-500 dark:text-zinc-400">Output</summary>
                <pre className="mt-1.5 max-h-64 overflow-auto rounded bg-zinc-100 p-2 font-mono text-xs whitespace-pre-wrap dark:bg-zinc-800">
                  {step.output}
                </pre>
              </details>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
