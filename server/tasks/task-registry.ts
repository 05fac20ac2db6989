// Tasks this process is running, with their live state (fresher than the row: progress reaches the database
// throttled). On globalThis because instrumentation and routes are separate bundles that must see the same tasks.
import type { TaskDto } from "./task.schema";

export type LiveTask = {
  dto: TaskDto;
  organizationId: string | null;
  controller: AbortController;
  /** Settles with the final state once the row is written. */
  done: Promise<TaskDto>;
};

type Registry = { tasks: Map<string, LiveTask>; shuttingDown: boolean };

const holder = globalThis as unknown as { __zerobyteTasks?: Registry };

export function taskRegistry(): Registry {
  holder.__zerobyteTasks ??= { tasks: new Map(), shuttingDown: false };
  return holder.__zerobyteTasks;
}

/** The live state of a task running here, else the stored one. */
export function freshest(dto: TaskDto): TaskDto {
  const live = taskRegistry().tasks.get(dto.id);
  return live ? { ...live.dto } : dto;
}
