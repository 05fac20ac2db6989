import { apiRoutes } from "@/server/http/api-route";
import { getTaskRoute } from "@/server/tasks/tasks.routes";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(getTaskRoute);
