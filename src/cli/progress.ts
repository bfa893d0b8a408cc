/** A draw progress bar on stderr when it is a terminal (cli-progress); silent otherwise. */
import cliProgress from 'cli-progress';

/** Returns an onDraw callback and a stop function; both are no-ops when stderr is not a TTY or quiet. */
export function drawProgress(label: string, quiet: boolean): { onDraw?: (done: number, total: number) => void; stop: () => void } {
  if (quiet || !process.stderr.isTTY) return { stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {value}/{total} draws, eta {eta_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onDraw: (done, total) => {
      if (!started) { bar.start(total, 0); started = true; }
      bar.update(done);
    },
    stop: () => { if (started) bar.stop(); },
  };
}
