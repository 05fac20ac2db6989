// The backup form's preview of a cron expression: the next runs in the schedule's time zone (or the server's), as
// the scheduler will compute them. An expression being typed is often incomplete, so that is an answer, not an error.
import { z } from "zod";
import { defaultTimezone, isValidTimezone, nextRunAfter, validateCronExpression } from "@/server/scheduler/cron";
import { createTRPCRouter, protectedProcedure } from "../init";

const previewInput = z.object({
  expression: z.string().max(256),
  timezone: z.string().max(128).nullable(),
  count: z.number().int().min(1).max(10).default(3),
});

export const schedulePreviewRouter = createTRPCRouter({
  nextRuns: protectedProcedure.input(previewInput).query(({ input }) => {
    const timezone = input.timezone || defaultTimezone();
    if (!isValidTimezone(timezone)) return { timezone, runs: [], error: `Unknown time zone ${timezone}` };
    if (!input.expression.trim()) return { timezone, runs: [], error: null };
    try {
      validateCronExpression(input.expression);
    } catch (error) {
      return { timezone, runs: [], error: (error as Error).message };
    }
    const runs: number[] = [];
    let after = Date.now();
    while (runs.length < input.count) {
      const next = nextRunAfter(input.expression, timezone, after);
      if (next === null) break;
      runs.push(next);
      after = next;
    }
    return { timezone, runs, error: null };
  }),
});
