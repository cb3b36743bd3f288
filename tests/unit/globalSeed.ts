// Printed once at the start of `vitest run`: the seed every property and fuzz test uses this run.
import { runSeed } from './seed';

export default function setup(): void {
  const { seed, from } = runSeed();
  console.log(`property/fuzz seed: ${seed} (${from}; rerun with DONDOC_SEED=${seed})`);
}
