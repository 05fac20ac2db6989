// Who is acting, for the audit log: set once at each door (the REST route wrapper, tRPC, the admin CLI) and read by
// `recordAudit` wherever a service does something worth recording, so the services need no extra parameter and REST,
// tRPC and the CLI are covered alike. Kept on globalThis: Next bundles instrumentation and routes apart (pitfall 3).
import { AsyncLocalStorage } from "node:async_hooks";
import type { AuditMethod } from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { clientIp } from "@/server/http/client-ip";

export type AuditActor = {
  actorId: string | null;
  actorName: string;
  method: AuditMethod;
  ip: string | null;
  organizationId: string | null;
};

const holder = globalThis as unknown as { __zerobyteAuditActor?: AsyncLocalStorage<AuditActor> };
const storage = () => (holder.__zerobyteAuditActor ??= new AsyncLocalStorage<AuditActor>());

/** Work no door started (the scheduler, provisioning at start-up) is the system's. */
const SYSTEM: AuditActor = { actorId: null, actorName: "system", method: "system", ip: null, organizationId: null };

export function requestActor(request: Request, auth: AuthContext | null): AuditActor {
  return {
    actorId: auth?.user.id ?? null,
    actorName: auth?.user.username ?? "anonymous",
    method: auth?.method ?? "session",
    ip: clientIp(request),
    organizationId: auth?.organizationId ?? null,
  };
}

/** The operator at the host's shell, named by their login. */
export function cliActor(login: string): AuditActor {
  return { actorId: null, actorName: login, method: "cli", ip: null, organizationId: null };
}

export function actingAs<T>(actor: AuditActor, work: () => T): T {
  return storage().run(actor, work);
}

export function currentActor(): AuditActor {
  return storage().getStore() ?? SYSTEM;
}
