// What the browser tests share: where Chromium is (skipped, saying why, where it is not), how it starts on a closed
// network, and a page opened on a local file that records every request, failure and complaint it makes.
/// <reference lib="dom" />
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { assertBuilt, runPiped, tempHome, type TempHome } from "./harness.js";

const CHROMIUM = process.env.SOOTHE_TEST_CHROMIUM ?? "/usr/bin/chromium";

/** Whether Chromium is installed, and the words a skipped suite adds to its title when it is not. */
export function chromiumHere(testFile: string): { installed: boolean; why: string } {
  const installed = existsSync(CHROMIUM);
  const why = installed
    ? ""
    : ` [skipped: no Chromium at ${CHROMIUM}; install Debian's chromium package, or set SOOTHE_TEST_CHROMIUM to a Chromium binary]`;
  if (!installed) console.warn(`${testFile}${why}`);
  return { installed, why };
}

/** Headless Chromium with the flags a machine without a network needs. */
export function launchChromium(): Promise<Browser> {
  const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
  return chromium.launch({ executablePath: CHROMIUM, args, timeout: 90_000 });
}

/** Opens `file` in a new page, recording every request, failure and complaint the page makes. */
export async function openFile(
  browser: Browser,
  file: string,
  viewport: { width: number; height: number },
): Promise<{ page: Page; requests: string[]; problems: string[] }> {
  const page = await browser.newPage({ viewport });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("requestfailed", (request) => problems.push(`failed to load ${request.url()}: ${request.failure()?.errorText}`));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: 60_000 });
  return { page, requests, problems };
}

/**
 * A suite about one page soothe writes. Before its tests: a temp home that `prepare` fills, the page written to
 * `name` in the user's folder by `write(file)` (a command line, which must succeed in silence), and Chromium; after
 * them, both closed. `open()` opens the page at `viewport`; `file()` is where it is.
 */
export function pageUnderTest(options: {
  name: string;
  prepare(home: TempHome): Promise<void> | void;
  write(file: string): string[];
  viewport: { width: number; height: number };
}): { open(): ReturnType<typeof openFile>; file(): string } {
  let home: TempHome | undefined;
  let browser: Browser | undefined;
  let file = "";
  beforeAll(async () => {
    assertBuilt();
    home = await tempHome();
    await options.prepare(home);
    file = join(home.userHome, options.name);
    const result = await runPiped(options.write(file), { home, timeoutMs: 45_000 });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await home?.cleanup();
  });
  return {
    open: () => openFile(browser!, file, options.viewport),
    file: () => file,
  };
}

