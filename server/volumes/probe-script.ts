// The code a probe child runs (`node -e PROBE_SCRIPT <request JSON>`). Plain JavaScript in a string: it must run
// without the app's bundler or TypeScript, and it is the only code that touches a mounted path with fs calls, so a
// dead mount can freeze this short-lived process but never the server's libuv thread pool.
//
// Requests: {op:"read", path} proves real I/O (reads the folder, and looks up a name no cache can know); {op:"statfs", path};
// {op:"stat", path} says whether the path is a directory; {op:"list", root, path, offset, limit, directoriesOnly}
// lists one page of a folder inside `root` (symlinks resolved, so nothing outside `root` is ever listed), directories
// first, then by name. Answers one JSON line: the result, or {error:{code, message}}.
export const PROBE_SCRIPT = String.raw`
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const request = JSON.parse(process.argv[1]);
const answer = (value) => process.stdout.write(JSON.stringify(value) + "\n");
const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
const byName = (a, b) => collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const typeOf = (entry) => (entry.isDirectory() ? "directory" : entry.isSymbolicLink() ? "symlink" : "file");
const inside = (root, target) => {
  const relative = path.relative(root, target);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
};

function list() {
  const root = fs.realpathSync(request.root);
  const target = fs.realpathSync(path.join(root, request.path));
  if (!inside(root, target)) return { error: { code: "EOUTSIDE", message: "Path is outside the volume" } };
  if (!fs.statSync(target).isDirectory()) return { error: { code: "ENOTDIR", message: "Path is not a directory" } };
  let entries = fs.readdirSync(target, { withFileTypes: true }).map((entry) => ({ name: entry.name, type: typeOf(entry) }));
  if (request.directoriesOnly) entries = entries.filter((entry) => entry.type === "directory");
  const directories = entries.filter((entry) => entry.type === "directory").sort(byName);
  const others = entries.filter((entry) => entry.type !== "directory").sort(byName);
  const page = directories.concat(others).slice(request.offset, request.offset + request.limit);
  const relative = "/" + path.relative(root, target).split(path.sep).filter(Boolean).join("/");
  const files = page.map((entry) => {
    const item = { name: entry.name, path: path.posix.join(relative, entry.name), type: entry.type };
    try {
      const stats = fs.lstatSync(path.join(target, entry.name));
      if (entry.type === "file") item.size = stats.size;
      item.modifiedAt = Math.round(stats.mtimeMs);
    } catch {}
    return item;
  });
  return { resolved: target, path: relative, total: entries.length, files };
}

function run() {
  switch (request.op) {
    case "read": {
      const dir = fs.opendirSync(request.path);
      dir.readSync();
      dir.closeSync();
      // A listing may come from a cache (sshfs, the kernel); a name never asked for before has to go to the server.
      try {
        fs.lstatSync(path.join(request.path, ".zerobyte-probe-" + process.pid + "-" + Date.now()));
      } catch (error) {
        if (error.code !== "ENOENT") throw error;
      }
      return { ok: true };
    }
    case "statfs": {
      const stats = fs.statfsSync(request.path);
      return { total: stats.blocks * stats.bsize, free: stats.bavail * stats.bsize, used: (stats.blocks - stats.bfree) * stats.bsize };
    }
    case "stat": {
      try {
        return { exists: true, directory: fs.statSync(request.path).isDirectory() };
      } catch (error) {
        if (error.code === "ENOENT") return { exists: false, directory: false };
        throw error;
      }
    }
    case "list":
      return list();
    default:
      return { error: { code: "EINVAL", message: "unknown probe" } };
  }
}

try {
  answer(run());
} catch (error) {
  answer({ error: { code: error.code || "EIO", message: error.message } });
}
`;
