import { existsSync } from 'node:fs';
import { screenshotReport } from './browser/screenshot-report.js';

// npm run report:screenshot -- FILE.html OUT.png [WIDTH]: look at a report as a browser draws it.
const [file, out, width] = process.argv.slice(2);
if (!file || !out || !file.endsWith('.html') || !out.endsWith('.png') || (width !== undefined && !/^\d+$/.test(width))) {
  process.stderr.write('usage: npm run report:screenshot -- FILE.html OUT.png [WIDTH]  (a report file, the PNG to write, the viewport width in px, default 1280)\n');
  process.exit(2);
}
if (!existsSync(file)) {
  process.stderr.write(`report:screenshot: ${file} does not exist; give the path of a report.html.\n`);
  process.exit(2);
}
try {
  const { problems } = await screenshotReport(file, out, width === undefined ? 1280 : Number(width));
  process.stdout.write(`Wrote ${out}\n`);
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.exitCode = problems.length > 0 ? 1 : 0;
} catch (error) {
  process.stderr.write(`report:screenshot: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
