/** Lines a runner (Node child or the Chromium page driver) reports to the orchestrator. */
import type { CaseResult, BenchFailure, Unavailable } from './stats';

export const LINE_PREFIX = '@@bench ';

export type RunnerMessage =
  | { kind: 'result'; result: CaseResult }
  | { kind: 'unavailable'; item: Unavailable }
  | { kind: 'failure'; item: BenchFailure }
  | { kind: 'overBudget'; item: { name: string; env: 'node' | 'chromium'; sizeLabel: string | null } };

export function encode(message: RunnerMessage): string {
  return `${LINE_PREFIX}${JSON.stringify(message)}`;
}

/** Messages in a runner's stdout; other lines are passed through as progress. */
export function decodeLine(line: string): RunnerMessage | null {
  if (!line.startsWith(LINE_PREFIX)) return null;
  return JSON.parse(line.slice(LINE_PREFIX.length)) as RunnerMessage;
}
