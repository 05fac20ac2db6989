import { apiRoutes } from "@/server/http/api-route";
import * as notifications from "@/server/notifications/notifications.routes";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(notifications.test);
