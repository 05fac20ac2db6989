"use client";
// One EventSource on /api/v1/events for the whole signed-in app. Task changes (with their progress) are kept in a
// small store every page reads from, seeded with the tasks already running; other events (a backup started or
// finished, a volume's state) refresh the queries they make stale, so lists and cards update by themselves.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useMemo, useSyncExternalStore } from "react";
import { isTaskActive } from "@/components/tasks/use-task-events";
import { useTRPC } from "@/lib/trpc/client";
import type { TaskDto } from "@/server/tasks/task.schema";

type Listener = () => void;

class TaskStore {
  private tasks = new Map<string, TaskDto>();
  private listeners = new Set<Listener>();
  private version = 0;

  subscribe = (listener: Listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = () => this.version;

  /** Keeps the newer state of each task (events and the seeding query can arrive in either order). */
  put(tasks: readonly TaskDto[]) {
    let changed = false;
    for (const task of tasks) {
      const known = this.tasks.get(task.id);
      if (known && known.updatedAt > task.updatedAt) continue;
      this.tasks.set(task.id, task);
      changed = true;
    }
    if (!changed) return;
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  /** The newest task of a resource (running, or finished while this page was open). */
  latest(filter: TaskMatch): TaskDto | null {
    let best: TaskDto | null = null;
    for (const task of this.tasks.values()) {
      if (filter.kind && task.kind !== filter.kind) continue;
      if (filter.resourceId && task.resourceId !== filter.resourceId) continue;
      if (filter.id && task.id !== filter.id) continue;
      if (!best || task.createdAt > best.createdAt) best = task;
    }
    return best;
  }

  active(): TaskDto[] {
    return [...this.tasks.values()].filter(isTaskActive);
  }
}

export type TaskMatch = { kind?: TaskDto["kind"]; resourceId?: string; id?: string };

const StoreContext = createContext<TaskStore | null>(null);

/** Which cached queries an event makes stale. */
function staleKeys(trpc: ReturnType<typeof useTRPC>, name: string, data: unknown) {
  if (name.startsWith("volume:")) return [trpc.volumes.pathKey(), trpc.backups.pathKey()];
  if (name.startsWith("backup:"))
    return [trpc.backups.pathKey(), trpc.repositories.pathKey(), trpc.snapshots.pathKey()];
  if (name === "task:changed" && !isTaskActive(data as TaskDto)) {
    return [trpc.tasks.pathKey(), trpc.repositories.pathKey(), trpc.snapshots.pathKey(), trpc.backups.pathKey()];
  }
  return [];
}

export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const store = useMemo(() => new TaskStore(), []);
  const active = useQuery(trpc.tasks.active.queryOptions({}));

  useEffect(() => {
    // tRPC types `unknown` fields as optional; the objects are the same TaskDto the events carry.
    if (active.data) store.put(active.data as TaskDto[]);
  }, [active.data, store]);

  useEffect(() => {
    const source = new EventSource("/api/v1/events");
    const onEvent = (event: MessageEvent<string>) => {
      const data = JSON.parse(event.data) as unknown;
      if (event.type === "task:changed") store.put([data as TaskDto]);
      for (const queryKey of staleKeys(trpc, event.type, data)) queryClient.invalidateQueries({ queryKey });
    };
    const names = ["task:changed", "backup:started", "backup:finished", "backup:snapshots_forgotten"];
    for (const name of [...names, "volume:status_changed", "volume:mounted", "volume:unmounted", "volume:updated"]) {
      source.addEventListener(name, onEvent);
    }
    // After a reconnect, what ran meanwhile is read again.
    source.addEventListener("connected", () =>
      queryClient.invalidateQueries({ queryKey: trpc.tasks.active.queryKey({}) }),
    );
    return () => source.close();
  }, [queryClient, store, trpc]);

  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

function useStore(): TaskStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useLiveTask needs the LiveEventsProvider");
  return store;
}

/** The newest task matching `match`, live: re-renders on each change of it. */
export function useLiveTask(match: TaskMatch | null): TaskDto | null {
  const store = useStore();
  useSyncExternalStore(store.subscribe, store.getVersion, () => 0);
  return match ? store.latest(match) : null;
}

/** Every task running now, live. */
export function useActiveTasks(): TaskDto[] {
  const store = useStore();
  useSyncExternalStore(store.subscribe, store.getVersion, () => 0);
  return store.active();
}
