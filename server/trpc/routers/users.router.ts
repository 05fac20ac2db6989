// The instance's accounts, for administrators (creating one is a server action: server/actions/users.actions.ts).
import { listUsers } from "@/server/auth/users.service";
import { createTRPCRouter } from "../init";
import { adminProcedure } from "./admin-procedure";

export const usersRouter = createTRPCRouter({
  list: adminProcedure.query(() => listUsers()),
});
