import { EmptyState } from "./empty-state";
import { PageHeader } from "./page-header";

/** A section of the app whose pages are not built yet. */
export function ComingSoon({ title, description }: { title: string; description: string }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <EmptyState title="Coming soon">This part of Zerobyte is being built.</EmptyState>
    </>
  );
}
