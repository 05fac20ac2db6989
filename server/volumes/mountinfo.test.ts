import { describe, expect, it } from "vitest";
import { parseMountInfo } from "./mountinfo";

describe("mountinfo", () => {
  it("reads mount point, type and source, unescaping spaces, with any number of optional fields", () => {
    const text = [
      "36 35 98:0 / / rw,relatime shared:1 - ext4 /dev/root rw",
      "45 27 0:40 / /data/volumes/My\\040Share rw,nosuid - fuse.sshfs root@127.0.0.1:/tmp rw,user_id=0",
      "46 27 0:41 / /mnt/nfs rw shared:2 master:3 - nfs4 nas:/export rw",
      "",
    ].join("\n");
    expect(parseMountInfo(text)).toEqual([
      { mountPoint: "/", fsType: "ext4", source: "/dev/root" },
      { mountPoint: "/data/volumes/My Share", fsType: "fuse.sshfs", source: "root@127.0.0.1:/tmp" },
      { mountPoint: "/mnt/nfs", fsType: "nfs4", source: "nas:/export" },
    ]);
  });
});
