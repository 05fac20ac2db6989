import { apiRoutes } from "@/server/http/api-route";
import * as snapshots from "@/server/snapshots/snapshots.routes";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(snapshots.restore);
