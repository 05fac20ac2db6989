import { createApiKeyRoute, listApiKeysRoute } from "@/server/auth/api-keys.routes";
import { apiRoutes } from "@/server/http/api-route";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoutes(listApiKeysRoute, createApiKeyRoute);
