import { apiRoutes } from "@/server/http/api-route";
import * as cron from "@/server/scheduler/cron.routes";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(cron.cronGet, cron.cronPost);
