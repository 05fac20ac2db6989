import { apiRoutes } from "@/server/http/api-route";
import { openApiDocument } from "@/server/system/api-docs.routes";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(openApiDocument);
