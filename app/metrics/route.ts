import { apiRoutes } from "@/server/http/api-route";
import * as metrics from "@/server/metrics/metrics.routes";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(metrics.scrape);
