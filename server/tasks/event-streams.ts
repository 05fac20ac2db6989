// The three live feeds: active tasks of an organization, one task, and every event of an organization.
import type { AuthContext } from "@/server/auth/auth-context";
import { subscribeEvents, TASK_CHANGED } from "./event-bus";
import { type EventStream, eventStreamResponse } from "./sse-stream";
import { isActiveStatus, type TaskDto, type TaskFilter } from "./task.schema";
import { getTask, listActiveTasks } from "./tasks.service";

/**
 * Forwards an organization's task changes that pass `matches`. Until `open()` the changes are held back, so the
 * initial state (read after subscribing, so nothing is missed) goes out first; a held-back change older than what
 * was already sent for that task is dropped.
 */
function followTaskChanges(
  stream: EventStream,
  organizationId: string,
  matches: (task: TaskDto) => boolean,
  afterSend: (task: TaskDto) => void = () => {},
) {
  const sentAt = new Map<string, number>();
  let heldBack: TaskDto[] | null = [];

  const deliver = (task: TaskDto) => {
    if ((sentAt.get(task.id) ?? Number.NEGATIVE_INFINITY) > task.updatedAt) return;
    // A finished task sends nothing more, so its entry can go; a long-lived stream must not grow with history.
    if (isActiveStatus(task.status)) sentAt.set(task.id, task.updatedAt);
    else sentAt.delete(task.id);
    stream.send(TASK_CHANGED, task);
    afterSend(task);
  };

  stream.onClose(
    subscribeEvents(organizationId, ({ name, data }) => {
      if (name !== TASK_CHANGED) return;
      const task = data as TaskDto;
      if (!matches(task)) return;
      if (heldBack) heldBack.push(task);
      else deliver(task);
    }),
  );

  return {
    deliver,
    /** Marks `alreadySent` as the known state and lets the held-back changes through. */
    open(alreadySent: TaskDto[] = []) {
      for (const task of alreadySent) sentAt.set(task.id, task.updatedAt);
      const pending = heldBack ?? [];
      heldBack = null;
      for (const task of pending) deliver(task);
    },
  };
}

function matchesFilter(task: TaskDto, filter: TaskFilter): boolean {
  return (
    (filter.kind === undefined || task.kind === filter.kind) &&
    (filter.resourceType === undefined || task.resourceType === filter.resourceType) &&
    (filter.resourceId === undefined || task.resourceId === filter.resourceId)
  );
}

/** `connected`, `tasks:snapshot` (the active tasks), then `task:changed` for every matching task. */
export function streamTaskList(request: Request, auth: AuthContext, filter: TaskFilter): Response {
  return eventStreamResponse(request.signal, async (stream) => {
    const changes = followTaskChanges(stream, auth.organizationId, (task) => matchesFilter(task, filter));
    const active = await listActiveTasks({ organizationId: auth.organizationId, ...filter });
    stream.send("tasks:snapshot", active);
    changes.open(active);
  });
}

/** `connected`, the task's current state as `task:changed`, then its changes; ends after its final state. */
export async function streamTask(request: Request, auth: AuthContext, taskId: string): Promise<Response> {
  await getTask(taskId, auth.organizationId); // an unknown task is a 404, not an empty stream
  return eventStreamResponse(request.signal, async (stream) => {
    const changes = followTaskChanges(
      stream,
      auth.organizationId,
      (task) => task.id === taskId,
      (task) => {
        if (!isActiveStatus(task.status)) stream.close();
      },
    );
    changes.deliver(await getTask(taskId, auth.organizationId));
    changes.open();
  });
}

/** Every event of the caller's organization (tasks, volumes, notifications, …) as it happens. */
export function streamOrganizationEvents(request: Request, auth: AuthContext): Response {
  return eventStreamResponse(request.signal, (stream) => {
    stream.onClose(subscribeEvents(auth.organizationId, ({ name, data }) => stream.send(name, data)));
  });
}
