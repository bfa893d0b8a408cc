/**
 * Finding and driving a headless Chromium for the report's browser test. The binary comes from
 * REESIM_CHROMIUM, else the first of the usual names on PATH (Debian's package installs `chromium`).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Path of a Chromium binary, or null when none is installed. */
export function findChromium(): string | null {
  if (process.env.REESIM_CHROMIUM) return process.env.REESIM_CHROMIUM;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of NAMES) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return null;
}

/**
 * Runs headless Chromium on a local file with `extra` flags and returns its stdout. A throwaway profile
 * keeps parallel runs apart; --no-sandbox because CI runs as root, where the sandbox refuses to start.
 */
export async function runChromium(binary: string, file: string, extra: readonly string[]): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'reesim-chromium-'));
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--hide-scrollbars',
    `--user-data-dir=${profile}`, ...extra, pathToFileURL(file).href];
  try {
    return await new Promise((resolve, reject) => {
      execFile(binary, args, { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`${binary} failed: ${err.message}\n${stderr}`));
        else resolve(stdout);
      });
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
