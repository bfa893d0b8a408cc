// Global fast-check settings: enough runs to find counterexamples in CI, bounded so `npm test` stays fast.
// A failing property prints its seed and path; rerun with FC_SEED=<seed> to reproduce.
import fc from 'fast-check';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
fc.configureGlobal({
  numRuns: Number(process.env.FC_NUM_RUNS ?? 50),
  ...(seed !== undefined ? { seed } : {}),
});
