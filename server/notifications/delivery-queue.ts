// Deliveries off the caller's path: a backup hands its messages over and goes on at once. Messages to one destination
// go out one after another, so a success never arrives before its start notice; each waits at most one delivery
// timeout for the one before. Kept on globalThis: the scheduler (instrumentation bundle) and the API routes enqueue
// into the same queues.
import { getLogger } from "@/server/logging/logger";
import { deliver } from "./delivery.service";
import { findDestination } from "./destination-store";
import type { NotificationMessage } from "./notification-message";

type Queues = { tails: Map<number, Promise<void>>; pending: Set<Promise<void>> };
const holder = globalThis as unknown as { __zerobyteNotificationQueues?: Queues };

function queues(): Queues {
  holder.__zerobyteNotificationQueues ??= { tails: new Map(), pending: new Set() };
  return holder.__zerobyteNotificationQueues;
}

/** Reads the destination when its turn comes, so an edit or a disable made meanwhile applies. */
async function deliverInTurn(destinationId: number, message: NotificationMessage): Promise<void> {
  const row = await findDestination(destinationId);
  if (row?.enabled) await deliver(row, message);
}

/** Runs `work` in the background, counted until it settles; a failure is logged, never thrown at the caller. */
export function inBackground(work: () => Promise<void>, context: Record<string, unknown>): Promise<void> {
  const { pending } = queues();
  const running = Promise.resolve()
    .then(work)
    .catch((error) => getLogger().error({ err: error, ...context }, "notification work failed"));
  pending.add(running);
  void running.finally(() => pending.delete(running));
  return running;
}

export function enqueueDelivery(destinationId: number, message: NotificationMessage): void {
  const { tails } = queues();
  const previous = tails.get(destinationId) ?? Promise.resolve();
  const tail = inBackground(() => previous.then(() => deliverInTurn(destinationId, message)), { destinationId });
  tails.set(destinationId, tail);
  void tail.finally(() => {
    if (tails.get(destinationId) === tail) tails.delete(destinationId);
  });
}

/** Waits (at most `timeoutMs`) for the messages handed over so far, e.g. before shutting down. */
export async function settleDeliveries(timeoutMs: number): Promise<void> {
  const { pending } = queues();
  if (pending.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([Promise.allSettled([...pending]), deadline]);
  clearTimeout(timer);
}
