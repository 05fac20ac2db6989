// The one rule for what users name: volumes, repositories, backup schedules, notification destinations. The forms
// take their maxLength from here too.
import { z } from "zod";

export const RESOURCE_NAME_MAX = 128;

export const resourceNameSchema = z
  .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be a string") })
  .trim()
  .min(1, "must not be empty")
  .max(RESOURCE_NAME_MAX, `must be at most ${RESOURCE_NAME_MAX} characters`);
