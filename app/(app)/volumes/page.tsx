import type { Metadata } from "next";
import { LinkButton } from "@/components/ui/link-button";
import { PageHeader } from "@/components/ui/page-header";
import { VolumeList } from "@/components/volumes/volume-list";

export const metadata: Metadata = { title: "Volumes · Zerobyte" };

export default function VolumesPage() {
  return (
    <>
      <PageHeader
        title="Volumes"
        description="The folders and remote shares your backups read from."
        actions={<LinkButton href="/volumes/new">Create volume</LinkButton>}
      />
      <VolumeList />
    </>
  );
}
