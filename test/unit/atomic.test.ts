import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFolderAtomically } from '../../src/output/atomic.js';

describe('writeFolderAtomically', () => {
  it('replaces the previous folder only when the new one is complete', async () => {
    const root = await mkdtemp(join(tmpdir(), 'reesim-atomic-'));
    const target = join(root, 'x');
    await writeFolderAtomically(target, async (tmp) => writeFile(join(tmp, 'a.csv'), 'old\n'));
    await expect(
      writeFolderAtomically(target, async (tmp) => {
        await writeFile(join(tmp, 'a.csv'), 'half');
        throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
    expect(await readFile(join(target, 'a.csv'), 'utf8')).toBe('old\n');
    expect(await readdir(root)).toEqual(['x']);
    await writeFolderAtomically(target, async (tmp) => writeFile(join(tmp, 'b.csv'), 'new\n'));
    expect(await readdir(target)).toEqual(['b.csv']);
    expect(await readdir(root)).toEqual(['x']);
  });
});
