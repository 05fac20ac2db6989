"use client";
// The web UI's tRPC client: typed query/mutation options for TanStack Query (`useTRPC()`), one client per browser tab.
import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import type { AppRouter } from "@/server/trpc/router";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

// A query refused as UNAUTHORIZED means the session ended (expired, revoked, signed out elsewhere). Mutations are
// not covered: there UNAUTHORIZED can also mean a wrong confirmation password, which the form shows.
function leaveWhenSignedOut(error: Error) {
  if (error instanceof TRPCClientError && error.data?.code === "UNAUTHORIZED") window.location.assign("/login");
}

function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: leaveWhenSignedOut }),
    defaultOptions: {
      // Failures are shown to the user at once; retrying a 401 or a validation error only delays the message.
      queries: { retry: false, staleTime: 5_000 },
    },
  });
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() => createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc" })] }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
