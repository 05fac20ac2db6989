import { nfsMounter, smbMounter } from "./kernel-mount";
import type { Mounter, NetworkVolumeConfig } from "./mounter";
import { rcloneMounter, webdavMounter } from "./rclone-mount";
import { sshfsMounter } from "./sshfs";

const MOUNTERS: { [B in NetworkVolumeConfig["backend"]]: Mounter<B> } = {
  sftp: sshfsMounter,
  rclone: rcloneMounter,
  webdav: webdavMounter,
  nfs: nfsMounter,
  smb: smbMounter,
};

export function mounterFor<C extends NetworkVolumeConfig>(config: C): Mounter<C["backend"]> {
  return MOUNTERS[config.backend] as Mounter<C["backend"]>;
}
