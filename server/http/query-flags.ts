import { z } from "zod";

/** A `?flag=true|false` query parameter (absent: false). */
export const booleanQueryFlag = () =>
  z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value === "true");
