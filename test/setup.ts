// Global fast-check settings. The seed is fixed by default so that CI is reproducible; the search
// space is still large (every property draws fresh worlds and policies from that seed).
// - FC_SEED=<n> reruns a reported failure; FC_SEED=random searches with a fresh seed each run.
// - FC_NUM_RUNS=<n> deepens (or shortens) the search.
import fc from 'fast-check';

const seedText = process.env.FC_SEED ?? '20261128';
fc.configureGlobal({
  numRuns: Number(process.env.FC_NUM_RUNS ?? 50),
  ...(seedText === 'random' ? {} : { seed: Number(seedText) }),
});
