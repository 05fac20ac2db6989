import * as checks from "@/server/checks/checks.routes";
import { apiRoutes } from "@/server/http/api-route";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(
  checks.getSchedule,
  checks.putSchedule,
  checks.deleteSchedule,
);
