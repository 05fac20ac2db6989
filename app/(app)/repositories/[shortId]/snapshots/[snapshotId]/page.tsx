import type { Metadata } from "next";
import { SnapshotBrowser } from "@/components/snapshots/snapshot-browser";

export const metadata: Metadata = { title: "Snapshot · Zerobyte" };

export default async function SnapshotPage({
  params,
  searchParams,
}: {
  params: Promise<{ shortId: string; snapshotId: string }>;
  searchParams: Promise<{ path?: string | string[] }>;
}) {
  const { shortId, snapshotId } = await params;
  const { path } = await searchParams;
  const folder = (Array.isArray(path) ? path[0] : path) || "/";
  return <SnapshotBrowser key={folder} repository={shortId} snapshotId={snapshotId} path={folder} />;
}
