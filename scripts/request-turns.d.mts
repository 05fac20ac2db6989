import type { IncomingMessage, ServerResponse } from "node:http";

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

export function takingTurns(listener: Listener, perTurn?: number): Listener;
