import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** The packages the CLI's main thread loads at start-up, recorded by a module resolve hook. */
function packagesLoadedAtStartup(): Set<string> {
  const hook = `export async function resolve(specifier, context, next) {
    const resolved = await next(specifier, context);
    const match = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(resolved.url);
    if (match) process.stderr.write('package ' + match[1] + '\\n');
    return resolved;
  }`;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  const main = pathToFileURL(path.join(root, 'dist/src/cli/main.js')).href;
  const result = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', `await import(${JSON.stringify(main)});`], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return new Set([...result.stderr.matchAll(/^package (\S+)$/gm)].map((match) => match[1] as string));
}

it('loads neither the generators (faker) nor the workload histograms on the main thread at start-up', () => {
  // Why: a seed generates in worker threads, so faker's vocabulary on the main thread would be
  // ~30 MB resident for nothing, for the whole load (issue 11's peak-RSS budget).
  const loaded = packagesLoadedAtStartup();
  expect(loaded.has('yargs')).toBe(true); // the hook saw the start-up imports at all
  expect(loaded.has('pg')).toBe(true);
  expect([...loaded].filter((name) => ['@faker-js/faker', 'hdr-histogram-js', 'seedrandom'].includes(name))).toEqual([]);
});
