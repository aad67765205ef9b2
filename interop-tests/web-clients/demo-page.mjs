// Opens the demo page the gateway serves at /demo/ in Debian's Chromium, presses its buttons as a person would
// and prints one JSON object: { lines: ["kind | text", ...], curl }.
//
//   node demo-page.mjs --url http://localhost:PORT/demo/
import { chromium } from "playwright-core";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const CHROMIUM = process.env.POLYGATE_CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const { values } = parseArgs({ options: { url: { type: "string" } } });
if (!values.url) {
  console.error("usage: node demo-page.mjs --url URL");
  process.exit(2);
}
const profile = await mkdtemp(join(tmpdir(), "polygate-demo-page-"));
const browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(values.url);
  // Each call's last log line is its status; wait for it before the next press.
  const finished = (call) => page.waitForFunction(
    (n) => [...document.querySelectorAll("#log li")].some((li) => li.textContent.startsWith(`#${n}: grpc-status`)),
    call, { timeout: 15000 });
  await page.fill("#name", "page");
  await page.click("#hello");
  await finished(1);
  await page.fill("#count", "3");
  await page.fill("#interval", "100");
  await page.click("#stream");
  await finished(2);
  await page.fill("#name", "");
  await page.click("#hello");
  await finished(3);
  const lines = await page.$$eval("#log li", (items) => items.map((li) => `${li.className} | ${li.textContent}`));
  console.log(JSON.stringify({ lines, curl: await page.textContent("#curl") }));
} finally {
  await browser.close();
  await rm(profile, { recursive: true, force: true });
}
