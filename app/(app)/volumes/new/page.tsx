import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { VolumeForm } from "@/components/volumes/volume-form";

export const metadata: Metadata = { title: "Create volume · Zerobyte" };

export default function NewVolumePage() {
  return (
    <>
      <PageHeader title="Create volume" description="A folder of this server, or a share Zerobyte mounts for you." />
      <VolumeForm />
    </>
  );
}
