import { eq } from "drizzle-orm";
import { database } from "@/db/client";
import { users, VOLUME_BACKENDS } from "@/db/schema";
import packageJson from "@/package.json";
import type { AuthContext } from "@/server/auth/auth-context";
import { forgetResolvedCredentials } from "@/server/auth/credential-cache";
import { requireUserPassword } from "@/server/auth/users.service";
import { ForbiddenError } from "@/server/http/errors";
import { getOrganizationResticPassword } from "@/server/organizations/organizations.service";
import { getRcloneVersion } from "@/server/restic/rclone-remotes";
import { getResticCapabilities } from "@/server/restic/version";
import { hasSysAdmin, volumeBackendSupport } from "@/server/volumes/mount-support";

export async function getSystemInfo() {
  const [restic, rclone, sysAdmin, support] = await Promise.all([
    getResticCapabilities().then(
      (capabilities) => capabilities.version,
      () => null,
    ),
    getRcloneVersion(),
    hasSysAdmin(),
    volumeBackendSupport(),
  ]);
  const volumeBackends = VOLUME_BACKENDS.filter((backend) => support[backend].available);
  const unavailableVolumeBackends = Object.fromEntries(
    VOLUME_BACKENDS.filter((backend) => !support[backend].available).map((backend) => [
      backend,
      support[backend].reason ?? "not available",
    ]),
  );
  const repositoryBackends = ["local", "s3", "r2", "gcs", "azure", "sftp", "rest", ...(rclone ? ["rclone"] : [])];
  return {
    runtime: "server" as const,
    versions: { app: packageJson.version, restic, rclone },
    capabilities: { rclone: rclone !== null, sysAdmin, volumeBackends, unavailableVolumeBackends, repositoryBackends },
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
  await requireUserPassword(auth, password);
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
