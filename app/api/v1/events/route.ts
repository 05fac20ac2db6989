import { apiRoutes } from "@/server/http/api-route";
import { organizationEventsRoute } from "@/server/tasks/tasks.routes";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(organizationEventsRoute);
