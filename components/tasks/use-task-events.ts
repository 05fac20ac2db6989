"use client";
import { useEffect, useRef, useState } from "react";
import type { TaskDto } from "@/server/tasks/task.schema";

// Kept here rather than imported from the task schema, which pulls the database schema into the browser bundle.
const ACTIVE_STATUSES: readonly TaskDto["status"][] = ["queued", "running"];
export const isTaskActive = (task: TaskDto) => ACTIVE_STATUSES.includes(task.status);

/**
 * Follows one task live through its event stream (`/api/v1/tasks/{taskId}/events`): the current state arrives at
 * once, then every change. The stream is closed on the final state (the server ends it there, and EventSource would
 * otherwise reconnect); `onSettled` runs once then, e.g. to refetch what the task changed.
 */
export function useTaskEvents(taskId: string | null | undefined, onSettled?: (task: TaskDto) => void) {
  const [state, setState] = useState<{ task: TaskDto | null; lostConnection: boolean }>({
    task: null,
    lostConnection: false,
  });
  const onSettledRef = useRef(onSettled);
  useEffect(() => {
    onSettledRef.current = onSettled;
  });

  useEffect(() => {
    if (!taskId) return;
    const source = new EventSource(`/api/v1/tasks/${encodeURIComponent(taskId)}/events`);
    source.addEventListener("task:changed", (event) => {
      const task = JSON.parse(event.data) as TaskDto;
      setState({ task, lostConnection: false });
      if (!isTaskActive(task)) {
        source.close();
        onSettledRef.current?.(task);
      }
    });
    // While the stream is down EventSource retries by itself; CLOSED means it gave up (e.g. the task is gone).
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) setState((current) => ({ ...current, lostConnection: true }));
    });
    return () => source.close();
  }, [taskId]);

  // A previous task's state is never shown for a newly followed one.
  const task = state.task?.id === taskId ? state.task : null;
  return { task, lostConnection: state.lostConnection && task !== null };
}
