import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { launchHeadlessChromium } from './launch-headless-chromium.js';

/** What a page did that a self-contained report must not: console errors, page errors, network requests. */
export interface ScreenshotResult {
  readonly problems: readonly string[];
}

/**
 * Opens an HTML file in headless Chromium with every request blocked and recorded, and writes a
 * full-page PNG; returns the console errors, page errors and requests seen (none for a good report).
 *
 * @example
 * const { problems } = await screenshotReport('out/report.html', '/tmp/report.png');
 */
export async function screenshotReport(htmlFile: string, pngFile: string, width = 1280): Promise<ScreenshotResult> {
  const browser = await launchHeadlessChromium({ width, height: 900 });
  const problems: string[] = [];
  try {
    const page = await browser.context.newPage();
    const url = pathToFileURL(path.resolve(htmlFile)).href;
    // every request but the page itself is a reference to something outside the report: record it, block it
    page.on('request', (request) => { if (request.url() !== url) problems.push(`request: ${request.url()}`); });
    await page.route('**', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    page.on('console', (message) => { if (message.type() === 'error') problems.push(`console error: ${message.text()}`); });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(url, { waitUntil: 'load' });
    await page.screenshot({ path: pngFile, fullPage: true });
  } finally {
    await browser.close();
  }
  return { problems };
}
