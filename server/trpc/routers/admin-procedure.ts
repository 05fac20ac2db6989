import { requireInstanceAdmin } from "@/server/auth/authorization";
import { protectedProcedure } from "../init";

/** An instance administrator, as the REST API's `admin` routes require. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  requireInstanceAdmin(ctx.auth);
  return next();
});
