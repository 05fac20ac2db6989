// Next runs this once per server process, before any request. Node-only work lives in server/instrumentation-node
// (this file is also compiled for the edge runtime).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./server/instrumentation-node");
    await startServer();
  }
}
