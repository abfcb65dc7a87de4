import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL, CHROMIUM_PATH, launchHeadlessChromium, type HeadlessChromium } from '../../src/report/html/browser/launch-headless-chromium.js';
import { renderBenchHtml } from '../../src/report/html/render-bench-html.js';
import { renderWorkloadHtml } from '../../src/report/html/render-workload-html.js';
import { sampleWorkloadReport } from '../support/sample-workload-report.js';
import { expectedBenchCharts, expectedWorkloadCharts } from './expected-charts.js';
import { sampleBenchReport } from './sample-bench-report.js';

// The reports as a person sees them: Debian's Chromium, headless, with every request recorded and refused.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'medseed-report-browser-'));
let browser: HeadlessChromium | undefined;
let launchError: Error | undefined;

beforeAll(async () => {
  // kept, not thrown: a failing beforeAll would mark the tests skipped, and a missing browser must fail each of them
  browser = await launchHeadlessChromium({ width: 1280, height: 900 }).catch((error: Error) => {
    launchError = error;
    return undefined;
  });
}, 60_000);

function chromium(): HeadlessChromium {
  if (!browser) throw launchError ?? new Error('Chromium did not start');
  return browser;
}

afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface Opened {
  readonly console: string[];
  readonly requests: string[];
  readonly charts: { readonly id: string; readonly width: number; readonly height: number }[];
  readonly screenshot: string;
}

async function open(name: string, html: string): Promise<Opened> {
  const file = path.join(scratch, `${name}.html`);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await chromium().context.newPage();
  const console: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') console.push(`${message.type()}: ${message.text()}`); });
  page.on('pageerror', (error) => console.push(`page error: ${error.message}`));
  page.on('request', (request) => { if (request.url() !== url) requests.push(request.url()); });
  await page.route('**', (route) => {
    if (route.request().url() === url) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
  const charts = await page.$$eval('svg[data-chart]', (svgs) => svgs.map((svg) => {
    const box = svg.getBoundingClientRect();
    return { id: svg.getAttribute('data-chart') ?? '', width: box.width, height: box.height };
  }));
  const screenshot = path.join(os.tmpdir(), `medseed-${name}-report.png`);
  await page.screenshot({ path: screenshot, fullPage: true });
  await page.close();
  return { console, requests, charts, screenshot };
}

describe('the HTML reports in a real headless Chromium', () => {
  it(`runs Debian's chromium at ${CHROMIUM_PATH}`, () => {
    expect(existsSync(CHROMIUM_PATH), `${CHROMIUM_PATH} is missing; install it as root: ${CHROMIUM_INSTALL}`).toBe(true);
    expect(launchError?.message).toBeUndefined();
  });

  it.each([
    ['workload', () => sampleWorkloadReport(), (r: ReturnType<typeof sampleWorkloadReport>) => ({ html: renderWorkloadHtml(r), charts: expectedWorkloadCharts(r) })],
    ['bench', () => sampleBenchReport({ withBaseline: true }), (r: ReturnType<typeof sampleBenchReport>) => ({ html: renderBenchHtml(r), charts: expectedBenchCharts(r) })],
  ] as const)('opens the %s report offline, without a console error, and draws every chart', async (name, build, render) => {
    const { html, charts } = (render as (r: unknown) => { html: string; charts: string[] })(build());
    const opened = await open(name, html);
    process.stdout.write(`${name} report screenshot: ${opened.screenshot}\n`);
    expect(opened.console).toEqual([]);
    expect(opened.requests).toEqual([]);
    expect(opened.charts.map((chart) => chart.id).sort()).toEqual([...charts].sort());
    for (const chart of opened.charts) {
      expect(chart.width, `${chart.id} width`).toBeGreaterThan(200);
      expect(chart.height, `${chart.id} height`).toBeGreaterThan(100);
    }
    expect(statSync(opened.screenshot).size).toBeGreaterThan(10_000);
  });

  it('records and refuses a request, so a report that fetched something would fail above', async () => {
    const opened = await open('fetching', '<!DOCTYPE html><html><head><link rel="stylesheet" href="https://example.invalid/x.css"></head><body><img src="other.png"></body></html>');
    expect(opened.requests).toEqual(expect.arrayContaining(['https://example.invalid/x.css', pathToFileURL(path.join(scratch, 'other.png')).href]));
    expect(opened.console.length).toBeGreaterThan(0);
  });
});
