// A typed client for the Zerobyte API, generated from its OpenAPI document (openapi-typescript + openapi-fetch).
import createClient from "openapi-fetch";
import type { paths } from "./schema";

export type ApiCredentials = { sessionToken?: string; apiKey?: string };

export function createApiClient(baseUrl: string, credentials: ApiCredentials = {}) {
  const headers: Record<string, string> = {};
  if (credentials.sessionToken) headers.cookie = `zerobyte.session_token=${credentials.sessionToken}`;
  if (credentials.apiKey) headers["x-api-key"] = credentials.apiKey;
  return createClient<paths>({ baseUrl, headers });
}

export type ApiClient = ReturnType<typeof createApiClient>;
export type { paths };
