import { defineRoute } from "@/server/http/api-route";
import { auditPageSchema, auditQuerySchema } from "./audit.schema";
import { listAuditEntries } from "./audit.service";

export const list = defineRoute({
  method: "get",
  path: "/api/v1/audit",
  summary: "The audit log of destructive and security actions, newest first (instance admins)",
  tags: ["Audit"],
  access: "admin",
  query: auditQuerySchema,
  response: { schema: auditPageSchema },
  handler: ({ query }) => listAuditEntries(query),
});
