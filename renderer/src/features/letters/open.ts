import { navigate } from '../../shell/router';

/** Route of the editor for a stored draft or letter. */
export function letterEditorPath(letterId: string): string {
  return `letters/edit/${letterId}`;
}

/**
 * Opens a draft saved with `saveDraft` (follow-up letters, consultation notices) in the letter
 * editor, where it can be checked, issued, saved as .docx and printed.
 */
export function openLetterEditor(letterId: string): void {
  navigate(letterEditorPath(letterId));
}
