"use client";
import { useQueryClient } from "@tanstack/react-query";
import { type DragEvent, useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { useTRPC } from "@/lib/trpc/client";
import { reorderSchedulesAction } from "@/server/actions/backups.actions";
import type { ScheduleWithLinks } from "./schedule-card";
import { arrange, moveTo } from "./schedule-order";

/**
 * Reordering the backups list by moves (buttons) or by dragging a card onto another's place. The asked-for order is
 * shown while it is saved; then the list as the server saved it (or, on a failure, as it was).
 */
export function useScheduleOrder(saved: ScheduleWithLinks[]) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [requested, setRequested] = useState<string[] | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const save = useServerAction(reorderSchedulesAction, (list) =>
    queryClient.setQueryData(trpc.backups.list.queryKey(), list),
  );
  const schedules = save.pending && requested ? arrange(saved, requested) : saved;
  const ids = schedules.map((schedule) => schedule.shortId);

  function move(shortId: string, index: number) {
    const next = moveTo(ids, shortId, index);
    // One save at a time: a second move would be computed from an order not saved yet.
    if (save.pending || next.every((id, position) => id === ids[position])) return;
    setRequested(next);
    save.run({ scheduleShortIds: next });
  }

  function endDrag() {
    setDragged(null);
    setDropTarget(null);
  }

  /** The native drag-and-drop handlers of one card: it can be dragged, and another dropped on its place. */
  const dragHandlers = (shortId: string) => ({
    draggable: !save.pending,
    onDragStart: (event: DragEvent) => {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", shortId);
      setDragged(shortId);
    },
    onDragOver: (event: DragEvent) => {
      if (!dragged) return;
      // Accepting the drop: without preventDefault the browser refuses it.
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      setDropTarget(shortId);
    },
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      if (dragged) move(dragged, ids.indexOf(shortId));
      endDrag();
    },
    onDragEnd: endDrag,
  });

  return { schedules, move, pending: save.pending, failure: save.failure, dragHandlers, dragged, dropTarget };
}
