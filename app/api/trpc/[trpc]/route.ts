import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getLogger } from "@/server/logging/logger";
import { createTRPCContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/router";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createTRPCContext(request),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") getLogger().error({ err: error.cause ?? error, path }, "trpc error");
    },
  });
}

export { handler as GET, handler as POST };
