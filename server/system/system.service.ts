import { readFile } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { database } from "@/db/client";
import { users } from "@/db/schema";
import packageJson from "@/package.json";
import type { AuthContext } from "@/server/auth/auth-context";
import { forgetResolvedCredentials } from "@/server/auth/credential-cache";
import { requireUserPassword } from "@/server/auth/users.service";
import { ForbiddenError } from "@/server/http/errors";
import { getOrganizationResticPassword } from "@/server/organizations/organizations.service";
import { getRcloneVersion } from "@/server/restic/rclone-remotes";
import { getResticCapabilities } from "@/server/restic/version";

/** CAP_SYS_ADMIN (bit 21 of the effective set) is what mounting network volumes needs. */
async function hasSysAdmin(): Promise<boolean> {
  const status = await readFile("/proc/self/status", "utf8").catch(() => "");
  const capEff = status.match(/CapEff:\s+([0-9a-f]+)/)?.[1];
  return capEff ? (BigInt(`0x${capEff}`) & (1n << 21n)) !== 0n : false;
}

export async function getSystemInfo() {
  const [restic, rclone, sysAdmin] = await Promise.all([
    getResticCapabilities().then(
      (capabilities) => capabilities.version,
      () => null,
    ),
    getRcloneVersion(),
    hasSysAdmin(),
  ]);
  const volumeBackends = [
    "directory",
    ...(sysAdmin ? ["nfs", "smb", "webdav", "sftp"] : []),
    ...(sysAdmin && rclone ? ["rclone"] : []),
  ];
  const repositoryBackends = ["local", "s3", "r2", "gcs", "azure", "sftp", "rest", ...(rclone ? ["rclone"] : [])];
  return {
    runtime: "server" as const,
    versions: { app: packageJson.version, restic, rclone },
    capabilities: { rclone: rclone !== null, sysAdmin, volumeBackends, repositoryBackends },
  };
}

/**
 * The organization's restic password as a `restic.pass` download: the recovery key that opens every repository
 * Zerobyte created, even without Zerobyte. Owners and admins only, after re-entering their password.
 */
export async function downloadResticPassword(auth: AuthContext, password: string): Promise<Response> {
  if (auth.memberRole !== "owner" && auth.memberRole !== "admin") {
    throw new ForbiddenError("Only organization owners and admins can download the recovery key");
  }
  await requireUserPassword(auth.user.id, password);
  const resticPassword = await getOrganizationResticPassword(auth.organizationId);
  const db = await database();
  await db.update(users).set({ hasDownloadedResticPassword: true }).where(eq(users.id, auth.user.id));
  forgetResolvedCredentials();
  return new Response(resticPassword, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": 'attachment; filename="restic.pass"',
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
