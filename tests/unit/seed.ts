/**
 * The one seed of a test run for property and fuzz tests: DONDOC_SEED when given (to reproduce a
 * failure), otherwise derived from the commit under test, so a rerun of the same commit draws the
 * same cases and a new commit explores new ones.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

export function runSeed(): { seed: number; from: string } {
  const given = process.env.DONDOC_SEED;
  if (given && /^\d+$/.test(given)) return { seed: Number(given) % 2 ** 31, from: 'DONDOC_SEED' };
  let commit = 'no-commit';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Not a git checkout (an unpacked archive): one fixed seed.
  }
  return { seed: parseInt(createHash('sha256').update(commit).digest('hex').slice(0, 8), 16) % 2 ** 31, from: `commit ${commit.slice(0, 12)}` };
}
