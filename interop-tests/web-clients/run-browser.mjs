// Runs the browser cases: bundles src/browser-cases.js with esbuild, serves it from a local HTTP server on a free
// port (another origin than the gateway's), opens it in Debian's Chromium driven by playwright-core, runs the
// cases and prints one JSON object on standard output: { results, requests, pageOrigin, browser, log }.
//
//   node run-browser.mjs --gateway http://127.0.0.1:PORT --descriptors FILE.pb
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundleForChromium, withChromium } from "./chromium.mjs";

const { values } = parseArgs({ options: { gateway: { type: "string" }, descriptors: { type: "string" } } });
if (!values.gateway || !values.descriptors) {
  console.error("usage: node run-browser.mjs --gateway URL --descriptors FILE");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const bundle = await bundleForChromium(join(here, "src", "browser-cases.js"));
const files = {
  "/": ["text/html", '<!doctype html><meta charset="utf-8"><title>gRPC-Web cases</title><link rel="icon" href="data:,"><script src="/cases.js"></script>'],
  "/cases.js": ["text/javascript", bundle],
  "/descriptors.pb": ["application/octet-stream", await readFile(values.descriptors)],
};
const server = createServer((req, res) => {
  const file = files[req.url];
  res.writeHead(file ? 200 : 404, { "content-type": file ? file[0] : "text/plain" });
  res.end(file ? file[1] : "not found");
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const pageOrigin = `http://127.0.0.1:${server.address().port}`;

try {
  await withChromium([], async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    const log = [];
    page.on("console", (message) => log.push(`${message.type()}: ${message.text()}`));
    page.on("pageerror", (error) => log.push(`pageerror: ${error.message}`));
    // What the page really sent the gateway (preflights are the browser's own and do not show here).
    const requests = [];
    page.on("request", (request) => {
      if (request.url().startsWith(values.gateway)) {
        requests.push({ method: request.method(), path: new URL(request.url()).pathname,
          contentType: request.headers()["content-type"] ?? null });
      }
    });
    await page.goto(pageOrigin + "/");
    const results = await page.evaluate(
      ([gateway]) => window.runGreeterCases(gateway, "/descriptors.pb"), [values.gateway]);
    console.log(JSON.stringify({ results, requests, pageOrigin, browser: context.browser()?.version() ?? null, log }));
  });
} finally {
  server.close();
}
