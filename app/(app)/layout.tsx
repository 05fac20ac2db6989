import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { LiveEventsProvider } from "@/components/live/live-events";
import { AppShell } from "@/components/shell/app-shell";
import { TRPCReactProvider } from "@/lib/trpc/client";
import { getPageAuth } from "@/server/trpc/server-auth";

/** Every page of the signed-in app: checked on the server before anything renders. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const auth = await getPageAuth();
  if (!auth) redirect("/login");
  return (
    <TRPCReactProvider>
      <LiveEventsProvider>
        <AppShell user={auth.user}>{children}</AppShell>
      </LiveEventsProvider>
    </TRPCReactProvider>
  );
}
