// Production server: Next's request handler behind a plain node:http server, so the client address that rate
// limiting and session records use comes from the socket. A client-sent X-Forwarded-For is only believed behind a
// trusted proxy (TRUST_PROXY=true); otherwise it is overwritten with the socket's address.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import next from "next";

// restic 0.18 unpacked by scripts/install-system-deps.sh, unless RESTIC_BIN says otherwise.
const bundledRestic = new URL("../.tools/restic-0.18/usr/bin/restic", import.meta.url).pathname;
if (!process.env.RESTIC_BIN && existsSync(bundledRestic)) process.env.RESTIC_BIN = bundledRestic;

const port = Number(process.env.PORT ?? 4096);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "true";

process.env.NODE_ENV ??= "production";
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

createServer((req, res) => {
  if (!trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
  handle(req, res);
}).listen(port, hostname, () => {
  console.log(`Zerobyte listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});
