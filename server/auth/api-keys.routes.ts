import { defineRoute } from "@/server/http/api-route";
import { apiKeyListSchema, apiKeyParamsSchema, createApiKeyBodySchema, createdApiKeySchema } from "./api-keys.schema";
import { createApiKey, deleteApiKey, listApiKeys } from "./api-keys.service";
import { successSchema } from "./auth.schema";

const tags = ["API keys"];

export const listApiKeysRoute = defineRoute({
  method: "get",
  path: "/api/v1/auth/api-keys",
  summary: "The caller's active API keys (never the keys themselves)",
  tags,
  access: "browser",
  response: { schema: apiKeyListSchema },
  handler: ({ auth }) => listApiKeys(auth),
});

export const createApiKeyRoute = defineRoute({
  method: "post",
  path: "/api/v1/auth/api-keys",
  summary: "Create an API key (shown once; send it as `x-api-key` or `Authorization: Bearer`)",
  tags,
  access: "browser",
  body: createApiKeyBodySchema,
  response: { status: 201, schema: createdApiKeySchema },
  errors: [403, 409],
  handler: ({ auth, body }) => createApiKey(auth, body),
});

export const deleteApiKeyRoute = defineRoute({
  method: "delete",
  path: "/api/v1/auth/api-keys/{keyId}",
  summary: "Delete an API key; it stops working at once",
  tags,
  access: "browser",
  params: apiKeyParamsSchema,
  response: { schema: successSchema },
  errors: [404],
  handler: ({ auth, params }) => deleteApiKey(auth, params.keyId),
});
