import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputError } from '../../src/errors.js';
import { hostTag, siblingOwner, writeFolderAtomically } from '../../src/output/atomic.js';

const root = () => mkdtemp(join(tmpdir(), 'reesim-atomic-'));
const writeA = (text: string) => async (tmp: string) => writeFile(join(tmp, 'a.csv'), text);
const MANIFEST = JSON.stringify({ name: 'x', reesimVersion: '0.1.0' });

/** The id of a process that has exited (a child that ran and was reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('writeFolderAtomically', () => {
  it('replaces the previous folder only when the new one is complete', async () => {
    const dir = await root();
    const target = join(dir, 'x');
    await writeFolderAtomically(target, async (tmp) => {
      await writeFile(join(tmp, 'a.csv'), 'old\n');
      await writeFile(join(tmp, 'manifest.json'), MANIFEST);
    });
    await expect(
      writeFolderAtomically(target, async (tmp) => {
        await writeFile(join(tmp, 'a.csv'), 'half');
        throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
    expect(await readFile(join(target, 'a.csv'), 'utf8')).toBe('old\n');
    expect(await readdir(dir)).toEqual(['x']);
    await writeFolderAtomically(target, async (tmp) => writeFile(join(tmp, 'b.csv'), 'new\n'));
    expect(await readdir(target)).toEqual(['b.csv']);
    expect(await readdir(dir)).toEqual(['x']);
  });

  it('refuses to replace a file, a symbolic link or a folder reesim did not write, and writes nothing', async () => {
    const dir = await root();
    await writeFile(join(dir, 'file'), 'mine');
    await mkdir(join(dir, 'elsewhere'));
    await writeFile(join(dir, 'elsewhere', 'keep.txt'), 'mine');
    await symlink(join(dir, 'elsewhere'), join(dir, 'link'));
    await mkdir(join(dir, 'folder'));
    await writeFile(join(dir, 'folder', 'notes.txt'), 'mine');
    await writeFile(join(dir, 'folder', 'manifest.json'), '{"name": "not reesim"}');
    for (const [name, why] of [['file', /is a file, not a result folder/], ['link', /is a symbolic link/], ['folder', /is a folder that reesim did not write/]] as const) {
      const err = await writeFolderAtomically(join(dir, name), writeA('new')).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(OutputError);
      expect((err as Error).message).toMatch(why);
    }
    expect(await readFile(join(dir, 'file'), 'utf8')).toBe('mine');
    expect(await readFile(join(dir, 'link', 'keep.txt'), 'utf8')).toBe('mine');
    expect((await readdir(join(dir, 'folder'))).sort()).toEqual(['manifest.json', 'notes.txt']);
    expect((await readdir(dir)).sort()).toEqual(['elsewhere', 'file', 'folder', 'link']);
  });

  it('replaces a folder holding only the writer\'s own outputs (writers without a manifest), or nothing', async () => {
    const dir = await root();
    await mkdir(join(dir, 'calibration-2024'));
    await writeFile(join(dir, 'calibration-2024', 'calibration.csv'), 'old');
    await writeFile(join(dir, 'calibration-2024', 'report.html'), 'old');
    await writeFolderAtomically(join(dir, 'calibration-2024'), async (tmp) => writeFile(join(tmp, 'calibration.csv'), 'new'), { outputs: ['calibration.csv'] });
    expect(await readFile(join(dir, 'calibration-2024', 'calibration.csv'), 'utf8')).toBe('new');
    await mkdir(join(dir, 'empty'));
    await writeFolderAtomically(join(dir, 'empty'), writeA('new'));
    expect(await readdir(join(dir, 'empty'))).toEqual(['a.csv']);
    await writeFile(join(dir, 'calibration-2024', 'mine.txt'), 'mine');
    await expect(writeFolderAtomically(join(dir, 'calibration-2024'), writeA('new'), { outputs: ['calibration.csv'] })).rejects.toBeInstanceOf(OutputError);
  });

  it('turns a full disk into an OutputError and leaves no hidden folder', async () => {
    const dir = await root();
    const err = await writeFolderAtomically(join(dir, 'x'), async () => writeFile('/dev/full', 'x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as Error).message).toBe(`cannot write ${join(dir, 'x')}: no space left on the device (ENOSPC)`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('turns a parent that is a file into an OutputError naming it', async () => {
    const dir = await root();
    await writeFile(join(dir, 'out'), 'a file');
    await expect(writeFolderAtomically(join(dir, 'out', 'sub', 'x'), writeA('new'))).rejects.toThrow(`cannot write ${join(dir, 'out', 'sub', 'x')}: ${join(dir, 'out')} is a file, not a folder`);
  });

  it('removes the hidden folders of killed writes of the same name, and only those', async () => {
    const dir = await root();
    const dead = deadPid();
    const host = hostTag();
    const stale = [`.x.tmp-${host}-${dead}-1`, `.x.old-${host}-${dead}-3`, `.x.tmp-${dead}`];
    const kept = [`.x.tmp-${host}-${process.ppid}-1`, `.x.tmp-another_host-${dead}-1`, `.y.tmp-${host}-${dead}-1`];
    for (const name of [...stale, ...kept]) await mkdir(join(dir, name));
    await writeFile(join(dir, `.x.old-${dead}`), 'a file, not a folder of ours');
    await writeFolderAtomically(join(dir, 'x'), writeA('new'));
    expect((await readdir(dir)).sort()).toEqual([...kept, `.x.old-${dead}`, 'x'].sort());
  });

  it('recovers the owner of a hidden sibling from its name', () => {
    expect(siblingOwner('.study.shard-1-of-2.tmp-node-7-1234-5', 'study.shard-1-of-2')).toEqual({ host: 'node-7', pid: 1234 });
    expect(siblingOwner('.x.old-99', 'x')).toEqual({ host: null, pid: 99 });
    expect(siblingOwner('.x.tmp-99', 'y')).toBeNull();
    expect(siblingOwner('.x.y.tmp-h-1-2', 'x')).toBeNull();
    expect(siblingOwner('.x.backup', 'x')).toBeNull();
  });
});
