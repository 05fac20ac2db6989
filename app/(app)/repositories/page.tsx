import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Repositories · Zerobyte" };

// The list (Name, Backend, Compression, Status) arrives with the repositories router; until then the empty state.
export default function RepositoriesPage() {
  return (
    <>
      <PageHeader title="Repositories" description="The restic repositories your backups are stored in." />
      <EmptyState title="No repositories yet">
        Repositories you create or import will be listed here with their backend, compression and status.
      </EmptyState>
    </>
  );
}
