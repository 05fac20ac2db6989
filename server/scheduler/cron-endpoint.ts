// The cron endpoint for hosts without a long-running process (Vercel-style): an outside timer calls it, it runs
// what is due with the same database claims as the in-process scheduler, and answers once the runs it started
// have finished, so a serverless host keeps the function alive while they work.
import { getConfig } from "@/server/config";
import { hasBearerSecret } from "@/server/http/bearer-secret";
import { UnauthorizedError } from "@/server/http/errors";
import { waitForTask } from "@/server/tasks/task-runner";
import { type DueWork, runDueWork } from "./run-due";

export function authorizeCron(request: Request): void {
  const { cronSecret } = getConfig();
  // Off without a secret, and still a 401 like every protected route (seed api-overview: all but two need auth).
  if (!cronSecret) throw new UnauthorizedError("The cron endpoint is off: set CRON_SECRET to use it");
  if (!hasBearerSecret(request, cronSecret))
    throw new UnauthorizedError("A valid cron secret is required (Authorization: Bearer $CRON_SECRET)");
}

export async function runCron(): Promise<DueWork & { finished: { taskId: string; status: string }[] }> {
  const work = await runDueWork(Date.now());
  const taskIds = [...work.schedules, ...work.checks].flatMap((run) => (run.outcome === "started" ? [run.taskId] : []));
  const finished = await Promise.all(
    taskIds.map(async (taskId) => ({ taskId, status: (await waitForTask(taskId))?.status ?? "unknown" })),
  );
  return { ...work, finished };
}
