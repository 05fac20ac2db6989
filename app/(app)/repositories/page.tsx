import type { Metadata } from "next";
import { RepositoryList } from "@/components/repositories/repository-list";
import { LinkButton } from "@/components/ui/link-button";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Repositories · Zerobyte" };

export default function RepositoriesPage() {
  return (
    <>
      <PageHeader
        title="Repositories"
        description="The restic repositories your backups are stored in."
        actions={<LinkButton href="/repositories/new">Create repository</LinkButton>}
      />
      <RepositoryList />
    </>
  );
}
