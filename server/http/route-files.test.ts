// Every JSON route file under app/ must serve a route the OpenAPI document knows, so none can slip past the
// document (and with it the generated client and the "401 everywhere" test).
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { documentedRoutes } from "@/server/system/api-docs.routes";

const appDir = path.resolve(import.meta.dirname, "../../app");
// Not JSON API routes: next-auth's own handler, tRPC, and the JSON 404 fallback.
const NOT_DOCUMENTED = ["api/auth/[...nextauth]", "api/trpc/[trpc]", "api/v1/[...unknown]"];

function routeFolders(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return entry.name === "route.ts" ? [prefix] : [];
    return routeFolders(path.join(dir, entry.name), prefix ? `${prefix}/${entry.name}` : entry.name);
  });
}

it("documents every API route file", () => {
  const documented = new Set(documentedRoutes().map((route) => route.path));
  const undocumented = routeFolders(appDir)
    .filter((folder) => !NOT_DOCUMENTED.includes(folder))
    .map((folder) => `/${folder.replace(/\[([^\]]+)\]/g, "{$1}")}`)
    .filter((route) => !documented.has(route));
  expect(undocumented).toEqual([]);
});
