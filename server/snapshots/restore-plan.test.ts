import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/server/http/errors";
import type { ResticNode } from "@/server/restic/ls";
import { excludesFor, planCustomTarget, planOriginalLocation, type TargetCheck } from "./restore-plan";

const node = (path: string, type: ResticNode["type"] = "dir"): [string, ResticNode] => [
  path,
  { name: path.split("/").pop()!, type, path, struct_type: "node" },
];
const plain = { withExcludes: false };
const nodes = new Map([
  node("/srv/data"),
  node("/srv/data/a.txt", "file"),
  node("/srv/data/photos"),
  node("/srv/data/photos/x.jpg", "file"),
  node("/srv/other"),
  node("/restores"),
]);

/** A member who may write inside /restores and /srv only, and whose paths resolve to themselves. */
const member: TargetCheck = {
  allows: async (hostPath) => hostPath.startsWith("/restores") || hostPath.startsWith("/srv"),
  resolve: async (hostPath) => {
    if (!(await member.allows(hostPath))) throw new ForbiddenError(`${hostPath} is not allowed`);
    return hostPath;
  },
};

describe("restore to another folder", () => {
  it("lands one file as itself, one folder as its content, several paths below their common folder", () => {
    expect(planCustomTarget(["/srv/data/a.txt"], nodes, ["/srv/data"], "/t", plain)).toEqual([
      { source: "/srv/data", target: "/t", include: ["/a.txt"] },
    ]);
    expect(planCustomTarget(["/srv/data/photos"], nodes, ["/srv/data"], "/t", plain)).toEqual([
      { source: "/srv/data/photos", target: "/t", include: [] },
    ]);
    expect(planCustomTarget(["/srv/data/a.txt", "/srv/data/photos/x.jpg"], nodes, [], "/t", plain)).toEqual([
      { source: "/srv/data", target: "/t", include: ["/a.txt", "/photos/x.jpg"] },
    ]);
  });

  it("restores everything below the snapshot's common folder, or from the root when restic stored it elsewhere", () => {
    expect(planCustomTarget([], nodes, ["/srv/data"], "/t", plain)).toEqual([
      { source: "/srv/data", target: "/t", include: [] },
    ]);
    expect(planCustomTarget([], new Map(), ["/home/me/relative"], "/t", plain)).toEqual([
      { source: "/", target: "/t", include: [] },
    ]);
  });
});

describe("restore to the original location", () => {
  it("restores into each path's parent folder, grouped, never with / as the target", async () => {
    const jobs = await planOriginalLocation(
      ["/srv/data/a.txt", "/srv/data/photos", "/srv/other"],
      nodes,
      member,
      plain,
    );
    expect(jobs).toEqual([
      { source: "/srv", target: "/srv", include: ["/other"] },
      { source: "/srv/data", target: "/srv/data", include: ["/a.txt", "/photos"] },
    ]);
  });

  it("restores a folder into itself when its parent is off limits, with its own metadata for when it is created", async () => {
    const jobs = await planOriginalLocation(["/restores"], nodes, member, plain);
    expect(jobs).toEqual([{ source: "/restores", target: "/restores", include: [], folder: nodes.get("/restores") }]);
  });

  it("refuses the whole restore when one path is off limits", async () => {
    await expect(
      planOriginalLocation(["/srv/data", "/etc"], new Map([...nodes, node("/etc")]), member, plain),
    ).rejects.toThrow(ForbiddenError);
  });
});

describe("with exclude patterns (restic refuses them beside include patterns)", () => {
  it("restores each selected folder whole, where it belongs below the target, and files by parent", () => {
    const include = ["/srv/data/a.txt", "/srv/data/photos", "/srv/other"];
    expect(planCustomTarget(include, nodes, [], "/t", { withExcludes: true })).toEqual([
      { source: "/srv/data", target: "/t/data", include: ["/a.txt"] },
      { source: "/srv/data/photos", target: "/t/data/photos", include: [], folder: nodes.get("/srv/data/photos") },
      { source: "/srv/other", target: "/t/other", include: [], folder: nodes.get("/srv/other") },
    ]);
    expect(planCustomTarget(["/srv/data/photos"], nodes, [], "/t", { withExcludes: true })).toEqual([
      { source: "/srv/data/photos", target: "/t", include: [] },
    ]);
  });

  it("restores each selected folder into itself at the original location", async () => {
    const jobs = await planOriginalLocation(["/srv/data/a.txt", "/srv/data/photos"], nodes, member, {
      withExcludes: true,
    });
    expect(jobs).toEqual([
      { source: "/srv/data", target: "/srv/data", include: ["/a.txt"] },
      { source: "/srv/data/photos", target: "/srv/data/photos", include: [], folder: nodes.get("/srv/data/photos") },
    ]);
  });
});

describe("exclude patterns per job", () => {
  it("rebases absolute patterns onto the restored folder and drops those outside it", () => {
    expect(excludesFor("/srv/data", ["*.log", "/srv/data/photos", "/etc/passwd", "/srv/database"])).toEqual([
      "*.log",
      "/photos",
    ]);
    expect(excludesFor("/", ["/srv/data/photos"])).toEqual(["/srv/data/photos"]);
  });
});
