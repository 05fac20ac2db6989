// The in-process scheduler: one timer that wakes when the earliest schedule or integrity check is due (or after the
// poll interval, to see schedules another instance changed), runs what is due, and arms itself again. Run times come
// from croner (scheduler/cron.ts). The state lives on globalThis: instrumentation starts it, route bundles wake it after a
// schedule changes.
import { getConfig } from "@/server/config";
import { getLogger } from "@/server/logging/logger";
import { earliestWorkDueAt, runDueWork } from "./run-due";

type SchedulerState = { timer?: NodeJS.Timeout; ticking?: Promise<void>; again: boolean; stopped: boolean };

const holder = globalThis as unknown as { __zerobyteScheduler?: SchedulerState };

/** Never wake sooner than this after a pass, so a schedule that keeps failing to be claimed cannot spin the CPU. */
const MIN_DELAY_MS = 250;
/** setTimeout's ceiling is about 24.8 days. */
const MAX_DELAY_MS = 2 ** 31 - 1;

function arm(state: SchedulerState, delayMs: number): void {
  clearTimeout(state.timer);
  if (state.stopped) return;
  state.timer = setTimeout(() => void tick(state), Math.min(Math.max(delayMs, MIN_DELAY_MS), MAX_DELAY_MS));
  state.timer.unref();
}

async function pass(state: SchedulerState): Promise<void> {
  const { schedulerPollMs } = getConfig();
  let delay = schedulerPollMs;
  try {
    await runDueWork(Date.now());
    const earliest = await earliestWorkDueAt();
    if (earliest !== null) delay = Math.min(delay, earliest - Date.now());
  } catch (error) {
    getLogger().error({ err: error }, "scheduler pass failed");
  }
  arm(state, delay);
}

function tick(state: SchedulerState): Promise<void> {
  if (state.ticking) {
    state.again = true;
    return state.ticking;
  }
  state.ticking = pass(state).finally(() => {
    state.ticking = undefined;
    if (state.again) {
      state.again = false;
      void tick(state);
    }
  });
  return state.ticking;
}

export function startScheduler(): void {
  if (holder.__zerobyteScheduler && !holder.__zerobyteScheduler.stopped) return;
  const state: SchedulerState = { again: false, stopped: false };
  holder.__zerobyteScheduler = state;
  void tick(state);
}

/** A schedule was created or changed here: look again now instead of at the previously armed time. */
export function wakeScheduler(): void {
  const state = holder.__zerobyteScheduler;
  if (state && !state.stopped) void tick(state);
}

export async function stopScheduler(): Promise<void> {
  const state = holder.__zerobyteScheduler;
  if (!state) return;
  state.stopped = true;
  clearTimeout(state.timer);
  await state.ticking;
}
