import { z } from "zod";
import { defineRoute } from "@/server/http/api-route";
import { authorizeScrape } from "./metrics-access";
import { renderMetrics } from "./metrics-gauges";

export const scrape = defineRoute({
  method: "get",
  path: "/metrics",
  summary:
    "Prometheus metrics (text format): `Authorization: Bearer $METRICS_TOKEN` or an instance admin; 404 when METRICS_TOKEN is unset and nobody is signed in",
  tags: ["System"],
  access: "public",
  response: { schema: z.string(), contentType: "text/plain", description: "Prometheus text exposition format 0.0.4" },
  errors: [401, 403, 404],
  handler: async ({ request, auth }) => {
    authorizeScrape(request, auth);
    const { contentType, body } = await renderMetrics();
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  },
});
