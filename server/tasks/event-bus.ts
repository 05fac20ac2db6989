// In-process publish/subscribe for live updates (server-sent events). Kept on globalThis: the instrumentation bundle
// (which runs scheduled tasks) and the route bundles (which hold the SSE connections) do not share module state.
import { getLogger } from "@/server/logging/logger";

export type AppEvent = { name: string; data: unknown };
export type AppEventListener = (event: AppEvent) => void;

export const TASK_CHANGED = "task:changed";

const holder = globalThis as unknown as { __zerobyteEventListeners?: Map<string, Set<AppEventListener>> };

function listenersByOrganization(): Map<string, Set<AppEventListener>> {
  holder.__zerobyteEventListeners ??= new Map();
  return holder.__zerobyteEventListeners;
}

/** Delivers an event to the organization's listeners; an instance-wide event (no organization) to everyone's. */
export function publishEvent(organizationId: string | null, name: string, data: unknown): void {
  const all = listenersByOrganization();
  const audience = organizationId === null ? [...all.values()] : [all.get(organizationId) ?? new Set()];
  for (const listener of audience.flatMap((listeners) => [...listeners])) {
    try {
      listener({ name, data });
    } catch (error) {
      // A broken subscriber (e.g. a stream that just closed) must not break the publisher, usually a running task.
      getLogger().warn({ err: error, event: name }, "event listener failed");
    }
  }
}

/** Listens to every event of one organization; returns the unsubscribe function. */
export function subscribeEvents(organizationId: string, listener: AppEventListener): () => void {
  const all = listenersByOrganization();
  let listeners = all.get(organizationId);
  if (!listeners) {
    listeners = new Set();
    all.set(organizationId, listeners);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && all.get(organizationId) === listeners) all.delete(organizationId);
  };
}
