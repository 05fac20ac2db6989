import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Volumes · Zerobyte" };

export default function VolumesPage() {
  return <ComingSoon title="Volumes" description="The folders and remote shares your backups read from." />;
}
