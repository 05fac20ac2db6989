// The audit log for instance administrators, as GET /api/v1/audit: the same query schema, the same service.
import { auditQuerySchema } from "@/server/audit/audit.schema";
import { listAuditEntries } from "@/server/audit/audit.service";
import { createTRPCRouter } from "../init";
import { adminProcedure } from "./admin-procedure";

export const auditRouter = createTRPCRouter({
  list: adminProcedure.input(auditQuerySchema).query(({ input }) => listAuditEntries(input)),
});
