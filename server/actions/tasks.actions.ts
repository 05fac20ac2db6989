"use server";
// Stopping a long operation (a restore, a doctor, an index build) from its progress card.
import { taskParamsSchema } from "@/server/tasks/task.schema";
import { cancelTask } from "@/server/tasks/task-runner";
import { runAction } from "./run-action";

export async function cancelTaskAction(_previous: unknown, input: unknown) {
  return runAction(taskParamsSchema, input, (auth, { taskId }) => cancelTask(taskId, auth.organizationId));
}
