import type { Metadata } from "next";
import { VolumeDetail } from "@/components/volumes/volume-detail";

export const metadata: Metadata = { title: "Volume · Zerobyte" };

export default async function VolumePage({ params }: { params: Promise<{ shortId: string }> }) {
  const { shortId } = await params;
  return <VolumeDetail shortId={shortId} />;
}
