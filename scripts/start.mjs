// The Zerobyte server: one node:http server in front of Next (`npm start`; `npm run dev` with --dev; `node server.js`
// in the standalone bundle, which starts this file).
// - /rest/* (the restic REST backend) goes straight to its handler, which the app publishes on globalThis once it
//   has started: Next's route pipeline would drop Content-Length (restic needs it) and slow down pack uploads.
// - Every request first meets the app's front door (server/http/front-door.ts): the client address from the socket
//   and TRUST_PROXY's hops, cross-site refusals, malformed paths and body caps, before Next or /rest parse anything.
// - Slow clients are dropped without cutting long transfers: headers must arrive within SERVER_HEADERS_TIMEOUT_SECONDS,
//   and a connection silent for SERVER_IDLE_TIMEOUT_SECONDS is closed, but a request that keeps sending or receiving
//   has no overall limit (Node's default 300 s request timeout cut slow, legitimate pack uploads).
// - Requests reach all of that a few per event-loop iteration (request-turns.mjs), so new connections are accepted
//   under load too.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import next from "next";
import { takingTurns } from "./request-turns.mjs";

// V8's heap sizing, tuned for a server whose traffic lives in Buffers outside the JS heap (measured on 2 cores):
// - The old generation may grow to twice its live size before a full collection. With V8's own factor (about 1.5 ×
//   the ~50 MB live heap) the slack fell below the young generation's capacity during a restic backup into /rest,
//   and V8 then ran a full mark-compact every 100–200 ms that freed nothing: up to 38 per GiB uploaded, and the
//   server's CPU per GiB went from 2.5 s to 5.3 s.
// - The young generation keeps the size it starts with instead of doubling up to 16 MiB per semi-space under load:
//   100 concurrent API clients peaked at 429 MB RSS with it, 232 MB without, at the same requests/s.
v8.setFlagsFromString("--heap-growing-percent=100");
v8.setFlagsFromString("--semi-space-growth-factor=1");

// restic 0.18 unpacked by scripts/install-system-deps.sh, unless RESTIC_BIN says otherwise.
const bundledRestic = new URL("../.tools/restic-0.18/usr/bin/restic", import.meta.url).pathname;
if (!process.env.RESTIC_BIN && existsSync(bundledRestic)) process.env.RESTIC_BIN = bundledRestic;

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 4096);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";

// The standalone bundle's server.js sets Next's resolved config (there is no next.config.mjs to load there).
const app = next({ dev, hostname, port, dir: fileURLToPath(new URL("..", import.meta.url)) });
const handle = app.getRequestHandler();
await app.prepare();

// Next runs instrumentation (migrations, task recovery, publishing the REST handler) after prepare() returns; accept
// connections only once it has, so the first restic request after a start is not turned away.
const startDeadline = Date.now() + 120_000;
while (!globalThis.__zerobyteRestHandler || !globalThis.__zerobyteFrontDoor) {
  if (Date.now() > startDeadline) throw new Error("Zerobyte did not finish starting within 120 s");
  await new Promise((resolve) => setTimeout(resolve, 25));
}

const isRestPath = (url = "") => url === "/rest" || url.startsWith("/rest/") || url.startsWith("/rest?");

const frontDoor = globalThis.__zerobyteFrontDoor;
// Timeouts are checked this often (Node's default of 30 s would let a slow client overstay its header timeout).
const connectionsCheckingInterval = Math.min(5_000, frontDoor.headersTimeoutMs / 2);
const listener = takingTurns((req, res) => {
  if (frontDoor.guard(req, res)) return;
  if (isRestPath(req.url)) {
    return globalThis.__zerobyteRestHandler(req, res);
  }
  handle(req, res);
});
const server = createServer({ connectionsCheckingInterval }, listener);
// Idle keep-alive connections outlive the clients' own idle timeouts (Go's, restic's, is 90 s; undici's 4 s), so a
// client never sends a request on a connection the server is just closing (Node's default of 5 s races restic).
server.keepAliveTimeout = 95_000;
server.headersTimeout = frontDoor.headersTimeoutMs;
server.requestTimeout = 0;
// Above the keep-alive timeout by default (120 s), so idle keep-alive connections close by the rule above.
server.timeout = frontDoor.idleTimeoutMs;
server.listen(port, hostname, () => {
  console.log(`Zerobyte listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});
