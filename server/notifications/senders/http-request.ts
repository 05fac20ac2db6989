// The one HTTP call every webhook-style sender makes: no redirects (an allow-listed host must not bounce the request
// elsewhere), a 2xx or a DeliveryError that says what the provider answered.
export class DeliveryError extends Error {}

/** The provider's own explanation from an error body (Telegram, Discord, Pushover, Gotify, ntfy), else its start. */
function providerDetail(body: string): string {
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const detail = json.description ?? json.errorDescription ?? json.message ?? json.error ?? json.errors;
    if (Array.isArray(detail)) return detail.join("; ");
    if (typeof detail === "string") return detail;
  } catch {
    // not JSON: the text itself
  }
  return body.trim().slice(0, 300);
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { message?: string } }).cause;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

export async function httpRequest(url: string, init: RequestInit & { signal: AbortSignal }): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: "manual" });
  } catch (error) {
    throw new DeliveryError(describeNetworkError(error));
  }
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel();
    return;
  }
  const detail = providerDetail(await response.text().catch(() => ""));
  throw new DeliveryError(`HTTP ${response.status}${detail ? `: ${detail}` : ""}`);
}

export const jsonRequest = (body: unknown, signal: AbortSignal, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
  signal,
});
