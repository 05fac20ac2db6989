import { apiRoutes } from "@/server/http/api-route";
import * as snapshotIndex from "@/server/snapshot-index/snapshot-index.routes";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(snapshotIndex.diff);
