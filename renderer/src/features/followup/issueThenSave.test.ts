import { describe, expect, it } from 'vitest';
import { issueThenSave } from './issueThenSave';

describe('issueThenSave', () => {
  it('a failed save after a successful issue is a failed save, and the issued letters are kept', async () => {
    const kept: string[][] = [];
    const saveError = new Error('disk full');
    const r = await issueThenSave(async () => ['01/UBND-VP', '02/UBND-VP'], (l) => kept.push(l), async () => { throw saveError; });
    expect(r).toEqual({ failed: 'save', error: saveError });
    expect(kept).toEqual([['01/UBND-VP', '02/UBND-VP']]);
  });

  it('a failed issue is a failed issue; nothing is kept or saved', async () => {
    const kept: unknown[] = [];
    let saved = false;
    const issueError = new Error('no signer');
    const r = await issueThenSave(async (): Promise<string[]> => { throw issueError; }, (l) => kept.push(l), async () => { saved = true; });
    expect(r).toEqual({ failed: 'issue', error: issueError });
    expect(kept).toEqual([]);
    expect(saved).toBe(false);
  });

  it('issues then saves what was issued', async () => {
    const saved: string[][] = [];
    const r = await issueThenSave(async () => ['03/UBND-VP'], () => undefined, async (l) => { saved.push(l); });
    expect(r).toEqual({ failed: null });
    expect(saved).toEqual([['03/UBND-VP']]);
  });
});
