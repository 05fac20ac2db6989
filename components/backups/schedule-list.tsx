"use client";
import { useQuery } from "@tanstack/react-query";
import { useLayoutEffect, useRef } from "react";
import { FormFailure } from "@/components/forms/form-failure";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { useTRPC } from "@/lib/trpc/client";
import { ScheduleCard, type ScheduleWithLinks } from "./schedule-card";
import { useScheduleOrder } from "./use-schedule-order";

export function ScheduleList() {
  const trpc = useTRPC();
  const schedules = useQuery(trpc.backups.list.queryOptions());
  if (schedules.error) return <Alert tone="error">{schedules.error.message}</Alert>;
  if (!schedules.data) return <p className="text-sm text-zinc-500">Loading backups…</p>;
  if (schedules.data.length === 0)
    return (
      <EmptyState title="No backups yet">
        <p>A backup takes a volume and stores its snapshots in a repository, on a schedule or by hand.</p>
        <LinkButton href="/backups/new" className="mt-4">
          Create your first backup
        </LinkButton>
      </EmptyState>
    );
  return <OrderedSchedules saved={schedules.data} />;
}

/** The cards in their saved order; each can be moved with its buttons or dragged onto another card's place. */
function OrderedSchedules({ saved }: { saved: ScheduleWithLinks[] }) {
  const order = useScheduleOrder(saved);
  const last = order.schedules.length - 1;
  // React moves a card's element to reorder the list, and a moved element loses the focus: the keyboard user's
  // button gets it back, so pressing it again moves the card on.
  const pressed = useRef<HTMLElement | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: it runs after each reorder, which is what moved the element
  useLayoutEffect(() => {
    const button = pressed.current;
    if (button?.isConnected && document.activeElement !== button) button.focus();
    if (!order.pending) pressed.current = null;
  }, [order.schedules, order.pending]);
  const moveButton = (schedule: ScheduleWithLinks, index: number, direction: "up" | "down") => (
    <MoveButton
      label={`Move ${schedule.name} ${direction}`}
      glyph={direction === "up" ? "↑" : "↓"}
      atEnd={direction === "up" ? index === 0 : index === last}
      onClick={(button) => {
        pressed.current = button;
        order.move(schedule.shortId, direction === "up" ? index - 1 : index + 1);
      }}
    />
  );
  return (
    <div className="flex flex-col gap-3">
      <FormFailure failure={order.failure} />
      <div className="grid gap-4 sm:grid-cols-2">
        {order.schedules.map((schedule, index) => (
          <ScheduleCard
            key={schedule.shortId}
            schedule={schedule}
            {...order.dragHandlers(schedule.shortId)}
            className={`${order.dragged === schedule.shortId ? "opacity-50" : ""} ${
              order.dropTarget === schedule.shortId && order.dragged !== schedule.shortId
                ? "ring-2 ring-indigo-500"
                : ""
            }`}
            controls={
              last > 0 && (
                <div className="mt-auto flex justify-end gap-1">
                  {moveButton(schedule, index, "up")}
                  {moveButton(schedule, index, "down")}
                </div>
              )
            }
          />
        ))}
      </div>
    </div>
  );
}

/** aria-disabled rather than disabled at the list's ends: a disabled button would drop the keyboard focus. */
function MoveButton({
  label,
  glyph,
  atEnd,
  onClick,
}: {
  label: string;
  glyph: string;
  atEnd: boolean;
  onClick: (button: HTMLButtonElement) => void;
}) {
  return (
    <Button
      variant="ghost"
      className="px-2 py-1 aria-disabled:cursor-not-allowed aria-disabled:opacity-60"
      aria-label={label}
      title={label}
      aria-disabled={atEnd || undefined}
      onClick={(event) => {
        if (!atEnd) onClick(event.currentTarget);
      }}
    >
      <span aria-hidden="true">{glyph}</span>
    </Button>
  );
}
