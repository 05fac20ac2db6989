import { apiRoutes } from "@/server/http/api-route";
import * as restUsers from "@/server/rest-backend/rest-users.routes";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(restUsers.list, restUsers.create);
