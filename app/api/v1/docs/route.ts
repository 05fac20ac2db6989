import { apiRoutes } from "@/server/http/api-route";
import { apiDocs } from "@/server/system/api-docs.routes";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(apiDocs);
