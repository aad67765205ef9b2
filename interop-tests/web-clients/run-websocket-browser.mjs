// Runs the WebSocket cases on pages the gateway serves: bundles src/websocket-cases.js with esbuild into the page
// directory (which the gateway's page backend serves), then, for each origin, loads the page from the gateway in
// Debian's Chromium and runs the cases against that same origin. The gateway's development certificate is accepted
// by the public key hash given with --spki. Prints one JSON object: { runs: [{ label, origin, pageProtocol,
// results, log }], browser }.
//
//   node run-websocket-browser.mjs --page-dir DIR --spki BASE64 --origin h2=https://127.0.0.1:PORT [--origin ...]
import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundleForChromium, withChromium } from "./chromium.mjs";

const { values } = parseArgs({
  options: { "page-dir": { type: "string" }, spki: { type: "string" }, origin: { type: "string", multiple: true } },
});
if (!values["page-dir"] || !values.origin) {
  console.error("usage: node run-websocket-browser.mjs --page-dir DIR [--spki BASE64] --origin LABEL=URL ...");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const pageDir = values["page-dir"];
await writeFile(join(pageDir, "cases.js"), await bundleForChromium(join(here, "src", "websocket-cases.js")));
await writeFile(join(pageDir, "index.html"), '<!doctype html><meta charset="utf-8"><title>WebSocket cases</title>'
  + '<link rel="icon" href="data:,"><script src="/cases.js"></script>');

const trust = values.spki ? [`--ignore-certificate-errors-spki-list=${values.spki}`] : [];
await withChromium(trust, async (context) => {
  const runs = [];
  for (const entry of values.origin) {
    const [label, origin] = entry.split(/=(.*)/s);
    const page = await context.newPage();
    const log = [];
    page.on("console", (message) => log.push(`${message.type()}: ${message.text()}`));
    page.on("pageerror", (error) => log.push(`pageerror: ${error.message}`));
    await page.goto(`${origin}/index.html`, { timeout: 15_000 });
    // How the page itself came: "h2" when over HTTP/2, the connection an RFC 8441 WebSocket may share.
    const pageProtocol = await page.evaluate(() => performance.getEntriesByType("navigation")[0]?.nextHopProtocol);
    const results = await page.evaluate((l) => window.runWebSocketCases(l), label);
    runs.push({ label, origin, pageProtocol, results, log });
    await page.close();
  }
  console.log(JSON.stringify({ runs, browser: context.browser()?.version() ?? null }));
});
