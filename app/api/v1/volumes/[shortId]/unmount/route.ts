import { apiRoutes } from "@/server/http/api-route";
import * as volumes from "@/server/volumes/volumes.routes";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(volumes.unmount);
