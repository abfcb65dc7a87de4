import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_IN_PROGRESS_FILE } from '../../sinks/generate-output.js';

/** The manifest of a `generate --mapping` output: what it holds, and the mapping it came from. */
export interface MappedManifest {
  readonly generator: 'medseed';
  readonly kind: 'mapped';
  readonly generatorVersion: string;
  readonly mapping: { readonly file: string; readonly sha256: string };
  readonly schema: string;
  readonly profile: string;
  readonly seed: string;
  /** In load order (parents first). */
  readonly tables: Readonly<Record<string, { readonly file: string; readonly rows: number; readonly sha256: string }>>;
  readonly totalRows: number;
}

export const MAPPED_MANIFEST_FILE = 'manifest.json';
export const MAPPED_LOAD_SCRIPT = 'load.sql';

/** A file name for a user's table: its own name where that is safe on every file system. */
export function mappedTableFile(table: string): string {
  return `${table.replace(/[^A-Za-z0-9_.-]/g, '_')}.sql`;
}

/**
 * True when dir holds a previous `generate --mapping` output, complete (manifest.json) or
 * interrupted (manifest.json.partial, written first), so its own files may be replaced.
 */
export function holdsMappedOutput(dir: string): boolean {
  return [MAPPED_MANIFEST_FILE, MANIFEST_IN_PROGRESS_FILE].some((name) => {
    const file = path.join(dir, name);
    try {
      if (!existsSync(file) || statSync(file).size > 1 << 20) return false;
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Partial<MappedManifest>;
      return manifest.generator === 'medseed' && manifest.kind === 'mapped';
    } catch {
      return false;
    }
  });
}
