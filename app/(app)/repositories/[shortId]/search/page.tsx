import type { Metadata } from "next";
import { SnapshotSearch } from "@/components/snapshots/snapshot-search";

export const metadata: Metadata = { title: "Search snapshots · Zerobyte" };

export default async function SearchPage({ params }: { params: Promise<{ shortId: string }> }) {
  const { shortId } = await params;
  return <SnapshotSearch repository={shortId} />;
}
