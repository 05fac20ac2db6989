import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const ignored = ["node_modules/**", ".next*/**", ".tools/**", "e2e/**", "data/**"];

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    environment: "node",
    setupFiles: [path.join(root, "test/setup-env.ts")],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["**/*.test.ts"], exclude: [...ignored, "**/*.int.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ignored,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
