import type { Metadata } from "next";
import { RepositoryDetail } from "@/components/repositories/repository-detail";

export const metadata: Metadata = { title: "Repository · Zerobyte" };

export default async function RepositoryPage({ params }: { params: Promise<{ shortId: string }> }) {
  const { shortId } = await params;
  return <RepositoryDetail shortId={shortId} />;
}
