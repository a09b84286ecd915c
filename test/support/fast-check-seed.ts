// Replays a property failure seen elsewhere (in CI, say): FC_SEED=<the seed fast-check printed> runs every property
// of the files given from that seed. Without it each run draws its own, which is how the properties find new cases.
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== '') {
  if (!/^-?\d+$/.test(seed)) throw new Error(`FC_SEED must be an integer, the seed fast-check printed, not ${JSON.stringify(seed)}`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
}
