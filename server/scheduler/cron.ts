// Cron expressions and time zones of schedules. croner parses (5 fields, or 6 with seconds first) and computes run
// times in the schedule's IANA zone; nothing here keeps a timer.
import { Cron } from "croner";
import { getConfig } from "@/server/config";
import { BadRequestError } from "@/server/http/errors";

/** The zone a schedule without its own runs in: TZ, else the host's. */
export function defaultTimezone(): string {
  return getConfig().timezone || Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function isValidTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function parse(expression: string, timezone: string): Cron {
  return new Cron(expression, { timezone, paused: true });
}

/** Throws a 400 with croner's reason when the expression does not parse. */
export function validateCronExpression(expression: string): void {
  try {
    parse(expression, "UTC");
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, "") : String(error);
    throw new BadRequestError(`Invalid cron expression "${expression}": ${reason}`);
  }
}

/**
 * The first run strictly after `after` (epoch ms), in `timezone` (default: the server's); null for a manual-only
 * schedule (empty expression) or a pattern that never matches again.
 */
export function nextRunAfter(expression: string, timezone: string | null | undefined, after: number): number | null {
  if (!expression.trim()) return null;
  return (
    parse(expression, timezone || defaultTimezone())
      .nextRun(new Date(after))
      ?.getTime() ?? null
  );
}
