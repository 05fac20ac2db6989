// The sign-in family lives on JSON routes under /api/auth (they set and clear cookies), not on tRPC.

/** POSTs JSON to an /api/auth route; a failure throws an Error carrying the API's own `message`. */
export async function postAuth<T>(path: `/api/auth/${string}`, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new Error(data?.message ?? `Request failed (${response.status})`);
  return data as T;
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : "Something went wrong");
