// Debian's Chromium, headless, driven by playwright-core (which never downloads a browser of its own), in a fresh
// profile that is removed again when the work is done.
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CHROMIUM = process.env.POLYGATE_CHROMIUM ?? "/usr/bin/chromium";
// No background traffic: this machine's network is closed, and Chromium's own calls out would only fail.
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Runs `work(context)` in a new browser context launched with `extraArgs` besides the usual ones. */
export async function withChromium(extraArgs, work) {
  const profile = await mkdtemp(join(tmpdir(), "polygate-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, ...extraArgs],
    });
    return await work(context);
  } finally {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** The browser entry `entryPoint` bundled by esbuild with its npm dependencies into one script. */
export async function bundleForChromium(entryPoint) {
  const bundle = await build({
    entryPoints: [entryPoint],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "chrome120",
    logLevel: "warning",
  });
  return bundle.outputFiles[0].contents;
}
