import * as audit from "@/server/audit/audit.routes";
import { apiRoutes } from "@/server/http/api-route";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(audit.list);
