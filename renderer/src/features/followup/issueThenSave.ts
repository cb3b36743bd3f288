/** Which step of "issue, then save the files" failed, and why. */
export type IssueThenSaveResult = { failed: null } | { failed: 'issue' | 'save'; error: unknown };

/**
 * Issues, then saves. Issuing writes the register before any file is saved, so a failed save
 * must be told as such ("Không lưu được các tệp", with a retry) and never as a failed issue:
 * the clerk would otherwise issue again and take new numbers. The step is decided here, from
 * what has run, not from component state read in the same handler (which is stale there).
 */
export async function issueThenSave<T>(issue: () => Promise<T>, onIssued: (issued: T) => void, save: (issued: T) => Promise<void>): Promise<IssueThenSaveResult> {
  let issued: T;
  try {
    issued = await issue();
  } catch (error) {
    return { failed: 'issue', error };
  }
  onIssued(issued);
  try {
    await save(issued);
  } catch (error) {
    return { failed: 'save', error };
  }
  return { failed: null };
}
