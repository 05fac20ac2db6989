// Parses the part of a /rest URL after the mount point into a repository path and a protocol target.
// Everything that could name a file is validated here, before any filesystem call: repository segments are
// decoded once and must be plain names, object names must be 64 lower-hex characters.

export const OBJECT_TYPES = ["data", "index", "keys", "locks", "snapshots"] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export type RestTarget =
  | { kind: "repository" }
  | { kind: "config" }
  | { kind: "list"; type: ObjectType }
  | { kind: "object"; type: ObjectType; name: string };

export type RestPath = {
  /** Decoded repository segments; `[]` is the root repository. */
  repo: string[];
  target: RestTarget;
};

const OBJECT_NAME = /^[0-9a-f]{64}$/;
// Control characters (NUL included) and both slashes can never be part of a folder name we create.
function hasForbiddenCharacter(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x2f /* / */ || code === 0x5c /* \ */) return true;
  }
  return false;
}
// Guards against ENAMETOOLONG turning a bad request into a 500.
const MAX_SEGMENT_BYTES = 255;
const MAX_REPOSITORY_DEPTH = 16;

function isObjectType(segment: string): segment is ObjectType {
  return (OBJECT_TYPES as readonly string[]).includes(segment);
}

/** Whether `segment` may name a repository folder (also used to vet REST usernames). */
export function isRepositorySegment(segment: string): boolean {
  return (
    segment !== "" &&
    segment !== "." &&
    segment !== ".." &&
    segment !== "config" &&
    !isObjectType(segment) &&
    !hasForbiddenCharacter(segment) &&
    Buffer.byteLength(segment) <= MAX_SEGMENT_BYTES
  );
}

function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * `pathname` is the still percent-encoded path below the mount point, starting with `/`
 * (`/`, `/a/b/config`, `/a/data/`, `/a/keys/<id>`). Returns null for anything the protocol does not define (404).
 */
export function parseRestPath(pathname: string): RestPath | null {
  if (!pathname.startsWith("/")) return null;
  const segments: string[] = [];
  for (const raw of pathname.slice(1).split("/")) {
    const decoded = decodeSegment(raw);
    if (decoded === null) return null;
    segments.push(decoded);
  }
  // A repository path ends at the first segment that is a type name or `config` (or at the trailing slash).
  const split = segments.findIndex((segment) => segment === "config" || isObjectType(segment));
  const repoEnd = split === -1 ? segments.length - 1 : split;
  const repo = segments.slice(0, repoEnd);
  if (repo.length > MAX_REPOSITORY_DEPTH || !repo.every(isRepositorySegment)) return null;
  const rest = segments.slice(repoEnd);

  if (split === -1) return rest.length === 1 && rest[0] === "" ? { repo, target: { kind: "repository" } } : null;
  const [head, tail] = rest;
  if (head === "config") return rest.length === 1 ? { repo, target: { kind: "config" } } : null;
  if (rest.length !== 2 || !isObjectType(head)) return null;
  if (tail === "") return { repo, target: { kind: "list", type: head } };
  if (OBJECT_NAME.test(tail)) return { repo, target: { kind: "object", type: head, name: tail } };
  return null;
}
