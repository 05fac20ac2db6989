// What the backup lifecycle and the overdue check call: one notice about a schedule, sent in the background to the
// enabled destinations assigned to that kind of event. Returns at once and never throws, so a slow, failing or
// misconfigured channel cannot fail or delay a backup.
import { defaultTimezone } from "@/server/scheduler/cron";
import { subscribedDestinations } from "./assignments.service";
import { enqueueDelivery, inBackground } from "./delivery-queue";
import { type ScheduleMessageInput, scheduleMessage } from "./notification-message";

export type ScheduleNotice = Omit<
  ScheduleMessageInput,
  "scheduleName" | "volumeName" | "repositoryName" | "timeZone"
> & {
  schedule: { id: number; name: string; timezone: string | null };
  volume: { name: string };
  repository: { name: string };
};

export function notifyScheduleEvent(notice: ScheduleNotice): void {
  const { schedule, volume, repository, ...details } = notice;
  void inBackground(
    async () => {
      const destinations = await subscribedDestinations(schedule.id, notice.event);
      if (destinations.length === 0) return;
      const message = scheduleMessage({
        ...details,
        scheduleName: schedule.name,
        volumeName: volume.name,
        repositoryName: repository.name,
        timeZone: schedule.timezone ?? defaultTimezone(),
      });
      for (const destinationId of destinations) enqueueDelivery(destinationId, message);
    },
    { scheduleId: schedule.id, event: notice.event },
  );
}
