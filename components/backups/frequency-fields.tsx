"use client";
import { useQuery } from "@tanstack/react-query";
import { useDeferredValue } from "react";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { useTRPC } from "@/lib/trpc/client";
import { cronFor, FREQUENCY_OPTIONS, type Frequency, type FrequencyState, WEEKDAY_OPTIONS } from "./frequency";

/** A preset or a cron expression, and the next runs it makes in the schedule's time zone (computed by the server). */
export function FrequencyFields({
  state,
  onChange,
  timezone,
  onTimezoneChange,
  errors,
}: {
  state: FrequencyState;
  onChange: (state: FrequencyState) => void;
  timezone: string;
  onTimezoneChange: (timezone: string) => void;
  errors: Record<string, string>;
}) {
  const set = (patch: Partial<FrequencyState>) => onChange({ ...state, ...patch });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField
        label="Frequency"
        value={state.frequency}
        onChange={(event) => set({ frequency: event.target.value as Frequency })}
        options={FREQUENCY_OPTIONS}
      />
      {state.frequency === "hourly" && (
        <TextField
          label="Minute past the hour"
          type="number"
          min={0}
          max={59}
          value={state.minute}
          onChange={(event) => set({ minute: event.target.value })}
        />
      )}
      {state.frequency === "weekly" && (
        <SelectField
          label="Day"
          value={state.weekday}
          onChange={(event) => set({ weekday: event.target.value })}
          options={WEEKDAY_OPTIONS}
        />
      )}
      {(state.frequency === "daily" || state.frequency === "weekly") && (
        <TextField
          label="Time"
          type="time"
          value={state.time}
          onChange={(event) => set({ time: event.target.value })}
          required
        />
      )}
      {state.frequency === "custom" && (
        <TextField
          label="Cron expression"
          value={state.cron}
          onChange={(event) => set({ cron: event.target.value })}
          placeholder="0 3 * * 1-5"
          hint="minute hour day-of-month month day-of-week"
          error={errors.cronExpression}
          spellCheck={false}
          required
        />
      )}
      {state.frequency !== "manual" && (
        <TextField
          label="Time zone (optional)"
          value={timezone}
          onChange={(event) => onTimezoneChange(event.target.value)}
          placeholder="Server time zone"
          hint="An IANA zone such as Europe/Paris."
          error={errors.timezone}
          spellCheck={false}
        />
      )}
      <NextRuns expression={cronFor(state)} timezone={timezone.trim() || null} />
    </div>
  );
}

function NextRuns({ expression, timezone }: { expression: string; timezone: string | null }) {
  const trpc = useTRPC();
  // Typing a cron expression asks once the user pauses, not on every key.
  const input = useDeferredValue({ expression, timezone });
  const preview = useQuery({ ...trpc.schedulePreview.nextRuns.queryOptions(input), enabled: expression !== "" });
  if (expression === "") {
    return <p className="text-sm text-zinc-600 sm:col-span-2 dark:text-zinc-400">Runs only when started by hand.</p>;
  }
  const data = preview.data;
  return (
    <div className="text-sm sm:col-span-2" aria-live="polite">
      {data?.error ? (
        <p className="text-red-700 dark:text-red-300">{data.error}</p>
      ) : data ? (
        <>
          <p className="font-medium">Next runs ({data.timezone})</p>
          <ul className="mt-1 list-disc pl-5 text-zinc-600 dark:text-zinc-400">
            {data.runs.map((run) => (
              <li key={run}>
                {new Date(run).toLocaleString(undefined, {
                  timeZone: data.timezone,
                  dateStyle: "full",
                  timeStyle: "short",
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
