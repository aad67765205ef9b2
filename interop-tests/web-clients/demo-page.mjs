// Opens the demo page the gateway serves at /demo/ in Debian's Chromium, presses its buttons as a person would
// and prints one JSON object: { lines: ["kind | text", ...], chat: [...], echo: [...], curl, ws }, each list the
// lines of one of the page's logs.
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

  // The chat box: two messages typed, each reply waited for, then the chat ended (the server's Close).
  const shown = (list, count) => page.waitForFunction(
    ([id, n]) => document.querySelectorAll(`#${id} li`).length >= n, [list, count], { timeout: 15000 });
  const lastLine = (list, prefix) => page.waitForFunction(
    ([id, text]) => [...document.querySelectorAll(`#${id} li`)].some((li) => li.textContent.startsWith(text)),
    [list, prefix], { timeout: 15000 });
  await page.fill("#chat-name", "page");
  await page.fill("#chat-text", "hi there");
  await page.click("#chat-send");
  await lastLine("chat-log", "Hello, page! You said: hi there");
  await page.fill("#chat-text", "again");
  await page.press("#chat-text", "Enter");
  await lastLine("chat-log", "Hello, page! You said: again");
  await page.click("#chat-end");
  await lastLine("chat-log", "closed");

  await page.fill("#echo-text", "echo from the page");
  await page.click("#echo-send");
  await shown("echo-log", 4);

  const logOf = (selector) => page.$$eval(selector, (items) => items.map((li) => `${li.className} | ${li.textContent}`));
  console.log(JSON.stringify({
    lines: await logOf("#log li"), chat: await logOf("#chat-log li"), echo: await logOf("#echo-log li"),
    curl: await page.textContent("#curl"), ws: await page.textContent("#ws"),
  }));
} finally {
  await browser.close();
  await rm(profile, { recursive: true, force: true });
}
