import { describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../src/tables/table-specs.js';
import { GENERATOR_VERSION } from '../../src/version.js';
import { generateText } from '../support/generate-in-memory.js';

// Golden files pin the generator's output byte for byte. A change to them must come with a
// GENERATOR_VERSION bump (src/version.ts); update with: npx vitest run test/generators/golden.test.ts -u
describe.each(['42', '1337'])('golden output of profile tiny, seed %s', (seed) => {
  it('matches the checked-in COPY text of every table', async () => {
    const text = await generateText({ profile: 'tiny', seed });
    for (const table of TABLE_NAMES) {
      await expect(text[table]).toMatchFileSnapshot(`../golden/tiny-seed-${seed}/${table}.tsv`);
    }
    await expect(`${GENERATOR_VERSION}\n`).toMatchFileSnapshot(`../golden/tiny-seed-${seed}/GENERATOR_VERSION`);
  });
});
