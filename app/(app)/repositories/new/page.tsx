import type { Metadata } from "next";
import { CreateRepositoryForm } from "@/components/repositories/create-repository-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Create repository · Zerobyte" };

export default function NewRepositoryPage() {
  return (
    <>
      <PageHeader
        title="Create repository"
        description="Initialise a new restic repository, or import one restic already created."
      />
      <CreateRepositoryForm />
    </>
  );
}
