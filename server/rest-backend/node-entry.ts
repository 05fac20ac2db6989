// How the Node server (scripts/start.mjs) reaches the REST backend: instrumentation publishes this handler on
// globalThis once the app has started, and the server sends every /rest request straight to it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleRestRequest } from "./handler";

export type NodeRestHandler = (incoming: IncomingMessage, outgoing: ServerResponse) => void;

const holder = globalThis as unknown as { __zerobyteRestHandler?: NodeRestHandler };

export function publishRestHandler(): void {
  holder.__zerobyteRestHandler = (incoming, outgoing) => void handleRestRequest(incoming, outgoing);
}
