// How a restic node is kept in the index and given back: node types as small integers (0 and 1 cost no bytes in
// SQLite), times as exact nanoseconds (restic prints RFC 3339 with nanoseconds; a JS Date keeps milliseconds).
import type { NODE_TYPES, ResticNode } from "@/server/restic/ls";

type NodeType = (typeof NODE_TYPES)[number];
/** Storage codes: a node type's position here (folders and files first: 0 and 1 take no bytes in SQLite). */
const TYPE_CODES: readonly NodeType[] = ["dir", "file", "symlink", "dev", "chardev", "fifo", "socket", "irregular"];
export const DIR = 0;
export const FILE = 1;

export function typeCode(type: string): number {
  const code = TYPE_CODES.indexOf(type as NodeType);
  return code === -1 ? TYPE_CODES.indexOf("irregular") : code;
}

export function typeName(code: number): NodeType {
  return TYPE_CODES[code] ?? "irregular";
}

const TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;
const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;
let lastSecond = "";
let lastSecondMs = 0;

/** Nanoseconds since the epoch of an RFC 3339 time, or null when restic gave none. */
export function parseTime(value: string | undefined): bigint | null {
  if (!value) return null;
  const match = TIME.exec(value);
  if (!match) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : BigInt(ms) * NS_PER_MS;
  }
  // Files of one folder mostly share their second: parse it once.
  const second = match[1] + match[3];
  if (second !== lastSecond) {
    lastSecond = second;
    lastSecondMs = Date.parse(second);
  }
  const fraction = match[2] ? BigInt(match[2].padEnd(9, "0")) : 0n;
  return BigInt(lastSecondMs) * NS_PER_MS + fraction;
}

/** RFC 3339 in UTC with the fraction Go prints (trailing zeros dropped), as restic does with TZ=UTC. */
export function formatTime(ns: bigint): string {
  let seconds = ns / NS_PER_S;
  let fraction = ns % NS_PER_S;
  if (fraction < 0n) {
    fraction += NS_PER_S;
    seconds -= 1n;
  }
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const digits = fraction === 0n ? "" : `.${fraction.toString().padStart(9, "0").replace(/0+$/, "")}`;
  return `${base}${digits}Z`;
}

/** One child of a directory as the indexer keeps it until its folder is written. */
export type IndexEntry = {
  name: string;
  type: number;
  size: number | null;
  mode: number | null;
  uid: number | null;
  gid: number | null;
  mtime: bigint | null;
  /** atime − mtime; null when equal (or unknown). */
  atime: bigint | null;
  ctime: bigint | null;
  /** For a directory: its stored id, once the walk has left it. */
  childId: number | null;
  /** A directory's hash, recursive size and counts, once known. */
  childHash: string | null;
  totalSize: number;
  files: number;
  dirs: number;
  others: number;
};

function delta(value: bigint | null, mtime: bigint | null): bigint | null {
  if (value === null || mtime === null || value === mtime) return null;
  return value - mtime;
}

export function toIndexEntry(node: ResticNode): IndexEntry {
  const mtime = parseTime(node.mtime);
  const type = typeCode(node.type);
  const size = typeof node.size === "number" ? node.size : null;
  return {
    name: node.name,
    type,
    size,
    mode: node.mode ?? null,
    uid: node.uid ?? null,
    gid: node.gid ?? null,
    mtime,
    atime: node.atime === node.mtime ? null : delta(parseTime(node.atime), mtime),
    ctime: node.ctime === node.mtime ? null : delta(parseTime(node.ctime), mtime),
    childId: null,
    childHash: null,
    totalSize: type === DIR ? 0 : (size ?? 0),
    files: type === FILE ? 1 : 0,
    dirs: type === DIR ? 1 : 0,
    others: type !== FILE && type !== DIR ? 1 : 0,
  };
}

/** The name as search compares it, stored only when SQLite's ASCII-only LIKE could not fold it itself. */
export function foldedName(name: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range, on purpose
  return /^[\u0000-\u007f]*$/.test(name) ? null : name.toLowerCase();
}
