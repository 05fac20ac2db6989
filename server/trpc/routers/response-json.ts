/**
 * Some services answer with the REST route's Response (to set cache headers on it); a tRPC procedure returns its
 * JSON body, typed by the route's response schema.
 */
export async function responseJson<T>(response: Response | Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}
