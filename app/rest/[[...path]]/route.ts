// restic REST backend at /rest (server/rest-backend). The handler reads the raw request URL itself, so the
// optional catch-all only exists to route every depth here, including `/rest/` (the root repository).
// Keep /rest out of any proxy.ts matcher: a proxy buffers request bodies and truncates uploads at 10 MB.
import { handleRestRequest } from "@/server/rest-backend/handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handleRestRequest;
export const HEAD = handleRestRequest;
export const POST = handleRestRequest;
export const DELETE = handleRestRequest;
// Answered with 405 (and the allowed methods) by the handler rather than by Next's defaults.
export const PUT = handleRestRequest;
export const PATCH = handleRestRequest;
export const OPTIONS = handleRestRequest;
