import { apiRoutes } from "@/server/http/api-route";
import { systemInfo } from "@/server/system/system.routes";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(systemInfo);
