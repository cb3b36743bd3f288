/** Types for report-csv.mjs (plain ESM so the audit runs without a build step). */
export function parseCsv(text: string): Record<string, string | undefined>[];
