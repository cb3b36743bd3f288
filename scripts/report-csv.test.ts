import { describe, expect, it } from 'vitest';
import { parseCsv } from './report-csv.mjs';

const HEAD = 'issue, severity, confidence, filename, location, sample, description, url';
const line = (issue: string, severity: string) => `${issue},"${severity}","FIRM","main/index.ts","1:1","x","d",https://example.test/${issue}`;

describe('electronegativity CSV report', () => {
  it('reads one finding per line', () => {
    const rows = parseCsv([HEAD, line('A_CHECK', 'LOW'), line('B_CHECK', 'HIGH')].join('\n'));
    expect(rows.map((r) => [r.issue, r.severity])).toEqual([
      ['A_CHECK', 'LOW'],
      ['B_CHECK', 'HIGH'],
    ]);
  });

  it('keeps the findings after a record whose start the writer lost (an unbalanced quote)', () => {
    // Seen in CI: the first record began mid-field, its quote opened and swallowed every later line, hiding a HIGH.
    const broken = 'parse CSP, it may not be valid.",https://example.test/CSP';
    const rows = parseCsv([HEAD, broken, line('NODE_INTEGRATION_JS_CHECK', 'HIGH'), line('C_CHECK', 'MEDIUM')].join('\r\n'));
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.severity === 'HIGH').map((r) => r.issue)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
  });
});
