// Every test file gets its own DATA_DIR and database, and the restic the app uses (0.18 from .tools) unless
// RESTIC_BIN is already set (the compatibility run sets it to Debian bookworm's restic 0.14).
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bundledRestic = path.join(root, ".tools/restic-0.18/usr/bin/restic");

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "zerobyte-test-"));
// Vite sets BASE_URL="/" for its own use; the app expects a URL.
process.env.BASE_URL = "http://localhost:4096";
process.env.APP_SECRET ??= "test-secret-0123456789abcdef0123456789abcdef";
process.env.LOG_LEVEL ??= "silent";
process.env.DISABLE_RATE_LIMITING ??= "true";
if (!process.env.RESTIC_BIN && existsSync(bundledRestic)) process.env.RESTIC_BIN = bundledRestic;
