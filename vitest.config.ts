import { availableParallelism } from "node:os";
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
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: [...ignored, "**/*.int.test.ts"],
          // One file per core, not Vitest's one fewer: 36 s instead of 65 on a 2-core machine.
          maxWorkers: availableParallelism(),
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ignored,
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // These files mostly wait on restic, rclone, sshd and app servers in child processes. Vitest's default runs
          // one file fewer than there are cores: one at a time on a 2-core CI machine, which left it half idle for
          // 15 minutes. One file more than there are cores takes 7.
          maxWorkers: availableParallelism() + 1,
        },
      },
    ],
  },
});
