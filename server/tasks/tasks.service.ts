// Reading tasks for the API: always scoped to the caller's organization, live state preferred over the row.
import { NotFoundError } from "@/server/http/errors";
import type { TaskDto, TaskHistoryQuery } from "./task.schema";
import { freshest } from "./task-registry";
import { type ActiveTaskFilter, findActiveTasks, findTask, findTaskPage, toTaskDto } from "./task-store";

export async function getTask(taskId: string, organizationId: string): Promise<TaskDto> {
  const row = await findTask(taskId, organizationId);
  if (!row) throw new NotFoundError("Task not found");
  return freshest(toTaskDto(row));
}

/** Queued and running tasks, newest first. */
export async function listActiveTasks(filter: ActiveTaskFilter): Promise<TaskDto[]> {
  const rows = await findActiveTasks(filter);
  return rows.map((row) => freshest(toTaskDto(row)));
}

export async function listTaskHistory(query: TaskHistoryQuery & { organizationId: string }) {
  const { rows, total } = await findTaskPage(query);
  return {
    items: rows.map((row) => freshest(toTaskDto(row))),
    page: query.page,
    pageSize: query.pageSize,
    totalItems: total,
    totalPages: Math.ceil(total / query.pageSize),
  };
}
