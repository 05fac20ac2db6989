import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DestinationDetail } from "@/components/notifications/destination-detail";

export const metadata: Metadata = { title: "Destination · Zerobyte" };

export default async function DestinationPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return <DestinationDetail id={id} />;
}
