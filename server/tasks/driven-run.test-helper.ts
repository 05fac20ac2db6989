// For tests: a task run driven by hand that behaves like restic work (it rejects once its signal aborts).
import type { TaskRun } from "./task-runner";

export type DrivenRun = {
  run: TaskRun;
  /** Resolves once the runner has called `run`; `finish`/`fail` need it. */
  started: Promise<void>;
  calls(): number;
  finish(outcome?: Awaited<ReturnType<TaskRun>>): void;
  fail(error: unknown): void;
  reportProgress(progress: unknown): void;
};

export function drivenRun(): DrivenRun {
  let calls = 0;
  let markStarted = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  let context: Parameters<TaskRun>[0] | undefined;
  let settle: Pick<DrivenRun, "finish" | "fail"> | undefined;
  const active = () => {
    if (!context || !settle) throw new Error("the run has not started yet; await `started` first");
    return { context, settle };
  };
  return {
    started,
    calls: () => calls,
    run: (runContext) => {
      calls++;
      context = runContext;
      return new Promise((resolve, reject) => {
        runContext.signal.addEventListener("abort", () => reject(runContext.signal.reason), { once: true });
        settle = { finish: resolve, fail: reject };
        markStarted();
      });
    },
    finish: (outcome) => active().settle.finish(outcome),
    fail: (error) => active().settle.fail(error),
    reportProgress: (progress) => active().context.reportProgress(progress),
  };
}
