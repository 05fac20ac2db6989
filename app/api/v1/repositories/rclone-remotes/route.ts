import { apiRoutes } from "@/server/http/api-route";
import * as repositories from "@/server/repositories/repositories.routes";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(repositories.rcloneRemotes);
