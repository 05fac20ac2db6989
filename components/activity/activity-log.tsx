"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useActiveTasks } from "@/components/live/live-events";
import { StopTaskButton } from "@/components/tasks/stop-task-button";
import { TaskProgress } from "@/components/tasks/task-progress";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { DefinitionList } from "@/components/ui/definition-list";
import { Dialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/form-fields";
import { Panel } from "@/components/ui/panel";
import { formatDateTime, formatDuration } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import type { TaskDto } from "@/server/tasks/task.schema";

export const KIND_LABELS: Record<TaskDto["kind"], string> = {
  backup: "Backup",
  restore: "Restore",
  forget: "Retention",
  doctor: "Doctor",
  deleteSnapshots: "Delete snapshots",
  tagSnapshots: "Tag snapshots",
  mirrorSync: "Mirror sync",
  indexSnapshot: "Index snapshot",
  statsRefresh: "Statistics",
  check: "Integrity check",
};

const STATUS_TONES: Record<TaskDto["status"], BadgeTone> = {
  queued: "neutral",
  running: "info",
  success: "success",
  warning: "warning",
  failed: "danger",
  cancelled: "neutral",
  interrupted: "warning",
};

const STATUSES = ["queued", "running", "success", "warning", "failed", "cancelled", "interrupted"] as const;
const all = { value: "", label: "All" };

/** Task history, newest first, 25 a page, filtered by kind and outcome; running tasks show live above it. */
export function ActivityLog() {
  const trpc = useTRPC();
  const [kind, setKind] = useState<TaskDto["kind"] | "">("");
  const [status, setStatus] = useState<TaskDto["status"] | "">("");
  const [page, setPage] = useState(1);
  const [details, setDetails] = useState<TaskDto | null>(null);
  const active = useActiveTasks();
  const history = useQuery({
    ...trpc.tasks.history.queryOptions({ kind: kind || undefined, status: status || undefined, page, pageSize: 25 }),
    placeholderData: keepPreviousData,
  });
  const items = (history.data?.items ?? []) as TaskDto[];
  return (
    <div className="flex flex-col gap-6">
      {active.length > 0 && (
        <Panel title="Running now">
          <ul className="flex flex-col gap-4">
            {active.map((task) => (
              <li key={task.id} className="flex items-end gap-3">
                <div className="min-w-0 flex-1">
                  <TaskProgress task={task} label={`${KIND_LABELS[task.kind]} ${task.resourceId ?? ""}`} />
                </div>
                <StopTaskButton
                  task={task}
                  accessibleName={`Stop ${KIND_LABELS[task.kind]} ${task.resourceId ?? ""}`}
                />
              </li>
            ))}
          </ul>
        </Panel>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label="Kind"
          value={kind}
          onChange={(event) => {
            setKind(event.target.value as TaskDto["kind"] | "");
            setPage(1);
          }}
          options={[all, ...Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))]}
        />
        <SelectField
          label="Outcome"
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as TaskDto["status"] | "");
            setPage(1);
          }}
          options={[all, ...STATUSES.map((value) => ({ value, label: value[0].toUpperCase() + value.slice(1) }))]}
        />
      </div>
      {history.error && <Alert tone="error">{history.error.message}</Alert>}
      <DataTable
        caption="Task history"
        headings={["Task", "Outcome", "Started", "Duration", ""]}
        empty="No tasks match."
        rows={items.map((task) => ({
          key: task.id,
          cells: [
            <span key="kind" className="flex flex-col">
              <span className="font-medium">{KIND_LABELS[task.kind]}</span>
              <span className="font-mono text-xs text-zinc-500">{task.resourceId}</span>
            </span>,
            <Badge key="status" tone={STATUS_TONES[task.status]}>
              {task.status}
            </Badge>,
            <span key="started" className="whitespace-nowrap">
              {formatDateTime(task.startedAt ?? task.createdAt)}
            </span>,
            task.startedAt && task.finishedAt ? formatDuration((task.finishedAt - task.startedAt) / 1000) : "",
            <Button
              key="details"
              variant="ghost"
              onClick={() => setDetails(task)}
              aria-label={`Details of ${KIND_LABELS[task.kind]} ${task.id}`}
            >
              Details
            </Button>,
          ],
        }))}
      />
      {history.data && history.data.totalPages > 1 && (
        <nav aria-label="History pages" className="flex items-center justify-between gap-2 text-sm">
          <span>
            Page {history.data.page} of {history.data.totalPages}
          </span>
          <span className="flex gap-2">
            <Button variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Previous page
            </Button>
            <Button variant="secondary" disabled={page >= history.data.totalPages} onClick={() => setPage(page + 1)}>
              Next page
            </Button>
          </span>
        </nav>
      )}
      <Dialog
        open={details !== null}
        onOpenChange={(open) => !open && setDetails(null)}
        title={details ? `${KIND_LABELS[details.kind]} task` : ""}
        wide
      >
        {details && (
          <DefinitionList
            items={[
              [
                "Task",
                <code key="id" className="font-mono text-xs">
                  {details.id}
                </code>,
              ],
              ["Outcome", details.status],
              ["Resource", `${details.resourceType ?? ""} ${details.resourceId ?? ""}`],
              ["Created", formatDateTime(details.createdAt)],
              ["Finished", formatDateTime(details.finishedAt, "–")],
              ...(details.error ? ([["Error", details.error]] as const) : []),
              [
                "Result",
                <pre
                  key="result"
                  className="max-h-64 overflow-auto rounded bg-zinc-100 p-2 font-mono text-xs whitespace-pre-wrap dark:bg-zinc-800"
                >
                  {JSON.stringify(details.result ?? null, null, 2)}
                </pre>,
              ],
            ]}
          />
        )}
      </Dialog>
    </div>
  );
}
