// Runs the cross-origin cases: serves a page from a local HTTP server on a free port, opens it in Debian's Chromium
// as http://page.localhost:PORT (Chromium resolves *.localhost to the loopback address itself), and has the page
// fetch from the gateway at another origin. The browser alone decides whether the page may read each answer, by the
// CORS headers it gets (and the preflights it sends for calls that need them). Prints one JSON object:
// { pageOrigin, results: { case: { ok, status, body, exposed } | { ok: false, error } }, log, browser }.
//
//   node run-cors-browser.mjs --api http://127.0.0.1:PORT
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { withChromium } from "./chromium.mjs";

const { values } = parseArgs({ options: { api: { type: "string" } } });
if (!values.api) {
  console.error("usage: node run-cors-browser.mjs --api URL");
  process.exit(2);
}

// Each case is one fetch; a TypeError means the browser refused the page the answer (or the preflight failed).
const cases = String.raw`
window.runCorsCases = async (api) => {
  const attempts = {
    simpleWithCors: [api + "/with-cors/simple", {}],
    preflightedWithCors: [api + "/with-cors/preflighted",
      { method: "PUT", headers: { "content-type": "application/json", "x-api-key": "k" }, body: "{}" }],
    refusedByLaterPolicy: [api + "/with-cors-locked/call",
      { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" }],
    simpleWithoutCors: [api + "/without-cors/simple", {}],
    preflightedWithoutCors: [api + "/without-cors/preflighted",
      { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" }],
    otherOriginOnly: [api + "/other-origin/simple", {}],
  };
  const results = {};
  for (const [name, [url, init]] of Object.entries(attempts)) {
    try {
      const response = await fetch(url, init);
      results[name] = { ok: true, status: response.status, body: await response.text(),
        exposed: response.headers.get("x-request-id") };
    } catch (error) {
      results[name] = { ok: false, error: String(error) };
    }
  }
  return results;
};`;
const page = '<!doctype html><meta charset="utf-8"><title>CORS cases</title><link rel="icon" href="data:,">'
  + "<script>" + cases + "</script>";
const server = createServer((req, res) => {
  res.writeHead(req.url === "/" ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
  res.end(req.url === "/" ? page : "not found");
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const pageOrigin = `http://page.localhost:${server.address().port}`;

try {
  await withChromium([], async (context) => {
    const tab = context.pages()[0] ?? (await context.newPage());
    const log = [];
    tab.on("console", (message) => log.push(`${message.type()}: ${message.text()}`));
    tab.on("pageerror", (error) => log.push(`pageerror: ${error.message}`));
    await tab.goto(`${pageOrigin}/`, { timeout: 15_000 });
    const results = await tab.evaluate((api) => window.runCorsCases(api), values.api);
    console.log(JSON.stringify({ pageOrigin, results, log, browser: context.browser()?.version() ?? null }));
  });
} finally {
  server.close();
}
