import { twoFactorDisable } from "@/server/auth/auth.routes";
import { apiRoutes } from "@/server/http/api-route";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(twoFactorDisable);
