// Who may read /metrics: a scraper with METRICS_TOKEN, or an instance admin (session or API key). Without a token
// configured the endpoint does not exist for anonymous callers, so it is not advertised to the internet.
import type { AuthContext } from "@/server/auth/auth-context";
import { requireInstanceAdmin } from "@/server/auth/authorization";
import { getConfig } from "@/server/config";
import { hasBearerSecret } from "@/server/http/bearer-secret";
import { NotFoundError, UnauthorizedError } from "@/server/http/errors";

export function authorizeScrape(request: Request, auth: AuthContext | null): void {
  const { metricsToken } = getConfig();
  if (metricsToken && hasBearerSecret(request, metricsToken)) return;
  if (auth) {
    requireInstanceAdmin(auth);
    return;
  }
  if (!metricsToken) throw new NotFoundError("Metrics are off: set METRICS_TOKEN, or sign in as an administrator");
  throw new UnauthorizedError("A valid metrics token is required (Authorization: Bearer $METRICS_TOKEN)");
}
