import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { generateClientSchema, SCHEMA_FILE } from "./generate";

it("the committed API client matches the routes (run `npm run gen:api-client` after changing a route)", async () => {
  expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(await generateClientSchema());
});
