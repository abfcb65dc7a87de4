import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium: playwright-core downloads no browser, and none can be downloaded here or in CI. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_INSTALL = 'apt-get update && apt-get install -y --no-install-recommends chromium';

// No network, no background services, nothing that makes two runs differ.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
] as const;

/** A headless Chromium with a fresh profile, and how to close it (which also deletes the profile). */
export interface HeadlessChromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts Debian's Chromium headless in a fresh temporary profile; throws naming the apt-get command
 * when it is not installed, so a missing browser is an error, never a silent skip.
 *
 * @example
 * const browser = await launchHeadlessChromium();
 * try { const page = await browser.context.newPage(); ... } finally { await browser.close(); }
 */
export async function launchHeadlessChromium(viewport = { width: 1280, height: 900 }): Promise<HeadlessChromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: the HTML reports are checked in Debian's Chromium. Install it as root: ${CHROMIUM_INSTALL} (.ci/run does this in CI).`);
  }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'medseed-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS], viewport });
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
