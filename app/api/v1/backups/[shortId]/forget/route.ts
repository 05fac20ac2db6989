import * as backups from "@/server/backups/backups.routes";
import { apiRoutes } from "@/server/http/api-route";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(backups.forget);
