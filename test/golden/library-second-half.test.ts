/** The second half of the scenario library's committed results (see library-results.test.ts). */
import { describe, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectLibraryHalf } from './golden.js';

describe('committed results', () => {
  it('of the second half of the scenario library are reproduced byte for byte by the current code', () => {
    expectLibraryHalf(mkdtempSync(join(tmpdir(), 'reesim-golden-')), 1);
  });
});
