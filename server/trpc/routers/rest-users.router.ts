// Accounts of the built-in restic REST server: instance admins only, as on /api/v1/rest-users.
import {
  createRestUserSchema,
  restUserIdParamsSchema,
  updateRestUserSchema,
} from "@/server/rest-backend/rest-users.schema";
import {
  createRestUser,
  deleteRestUser,
  listRestUsers,
  updateRestUser,
} from "@/server/rest-backend/rest-users.service";
import { createTRPCRouter } from "../init";
import { adminProcedure } from "./admin-procedure";

export const restUsersRouter = createTRPCRouter({
  list: adminProcedure.query(() => listRestUsers()),
  create: adminProcedure.input(createRestUserSchema).mutation(({ input }) => createRestUser(input)),
  update: adminProcedure
    .input(restUserIdParamsSchema.extend(updateRestUserSchema.shape))
    .mutation(({ input: { id, ...changes } }) => updateRestUser(id, changes)),
  delete: adminProcedure.input(restUserIdParamsSchema).mutation(async ({ input }) => {
    await deleteRestUser(input.id);
    return { message: "REST user deleted" };
  }),
});
