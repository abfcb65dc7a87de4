import type { LoadSettings } from '../../load/load-settings.js';

/** One sentence on how the benched data was loaded, so two reports are known to compare like with like. */
export function describeLoad(load: LoadSettings | null | undefined): string {
  if (!load) return 'How this data was loaded is not recorded (seeded by an older medseed, or not by medseed).';
  const server = Object.entries(load.server)
    .filter(([name]) => name !== 'server_version')
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  const sessions = load.indexSessionSettings.length > 0 ? load.indexSessionSettings.join('; ') : 'the server\'s own settings';
  return `Loaded with ${load.copy}, ${load.indexConcurrency} index builds at once (index sessions: ${sessions}); server at load time: ${server}.`;
}
