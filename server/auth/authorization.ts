import { ForbiddenError } from "@/server/http/errors";
import type { AuthContext } from "./auth-context";

/** Instance-wide settings (users, the REST server's accounts) belong to the instance admins. */
export function requireInstanceAdmin(auth: AuthContext): void {
  if (auth.user.role !== "admin") throw new ForbiddenError("Only instance administrators can do this");
}
