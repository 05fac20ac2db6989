import type { Metadata } from "next";
import { DestinationForm } from "@/components/notifications/destination-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Add destination · Zerobyte" };

export default function NewDestinationPage() {
  return (
    <>
      <PageHeader title="Add destination" description="A channel for backup notifications." />
      <DestinationForm />
    </>
  );
}
