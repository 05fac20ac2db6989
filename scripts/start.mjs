// The Zerobyte server: one node:http server in front of Next (`npm start`; `npm run dev` with --dev; `node server.js`
// in the standalone bundle, which starts this file).
// - /rest/* (the restic REST backend) goes straight to its handler, which the app publishes on globalThis once it
//   has started: Next's route pipeline would drop Content-Length (restic needs it) and slow down pack uploads.
// - The client address comes from the socket. A client-sent X-Forwarded-For is only believed behind a trusted
//   proxy (TRUST_PROXY=true); otherwise it is overwritten, so rate limiting cannot be dodged by forging it.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import next from "next";

// restic 0.18 unpacked by scripts/install-system-deps.sh, unless RESTIC_BIN says otherwise.
const bundledRestic = new URL("../.tools/restic-0.18/usr/bin/restic", import.meta.url).pathname;
if (!process.env.RESTIC_BIN && existsSync(bundledRestic)) process.env.RESTIC_BIN = bundledRestic;

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 4096);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "true";

// The standalone bundle's server.js sets Next's resolved config (there is no next.config.ts to load there).
const app = next({ dev, hostname, port, dir: fileURLToPath(new URL("..", import.meta.url)) });
const handle = app.getRequestHandler();
await app.prepare();

// Next runs instrumentation (migrations, task recovery, publishing the REST handler) after prepare() returns; accept
// connections only once it has, so the first restic request after a start is not turned away.
const startDeadline = Date.now() + 120_000;
while (!globalThis.__zerobyteRestHandler) {
  if (Date.now() > startDeadline) throw new Error("Zerobyte did not finish starting within 120 s");
  await new Promise((resolve) => setTimeout(resolve, 25));
}

const isRestPath = (url = "") => url === "/rest" || url.startsWith("/rest/") || url.startsWith("/rest?");

const server = createServer((req, res) => {
  if (!trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
  if (isRestPath(req.url)) {
    return globalThis.__zerobyteRestHandler(req, res);
  }
  handle(req, res);
});
// Idle keep-alive connections outlive the clients' own idle timeouts (Go's, restic's, is 90 s; undici's 4 s), so a
// client never sends a request on a connection the server is just closing (Node's default of 5 s races restic).
server.keepAliveTimeout = 95_000;
server.headersTimeout = 100_000;
server.listen(port, hostname, () => {
  console.log(`Zerobyte listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});
