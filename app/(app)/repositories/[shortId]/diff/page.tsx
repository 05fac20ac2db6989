import type { Metadata } from "next";
import { SnapshotDiff } from "@/components/snapshots/snapshot-diff";

export const metadata: Metadata = { title: "Compare snapshots · Zerobyte" };

export default async function DiffPage({
  params,
  searchParams,
}: {
  params: Promise<{ shortId: string }>;
  searchParams: Promise<{ to?: string | string[] }>;
}) {
  const { shortId } = await params;
  const { to } = await searchParams;
  return <SnapshotDiff repository={shortId} initialTo={Array.isArray(to) ? to[0] : to} />;
}
