import { z } from "zod";
import { AUDIT_METHODS } from "@/db/schema";
import { pageMetaSchema, paginationQuerySchema } from "@/server/http/pagination";

export const auditQuerySchema = paginationQuerySchema.extend({
  /** An exact action (`repository.delete`) or a family (`repository.`, every action that starts so). */
  action: z.string().trim().min(1).max(64).optional(),
  /** The actor's user id or name. */
  actor: z.string().trim().min(1).max(128).optional(),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  /** Epoch milliseconds. */
  at: z.number(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  method: z.enum(AUDIT_METHODS),
  action: z.string(),
  target: z.string().nullable(),
  organizationId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const auditPageSchema = pageMetaSchema.extend({ entries: z.array(auditEntrySchema) });
