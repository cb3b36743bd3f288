import { useState } from 'react';
import type { FormErrors } from '@shared/text/formErrors';
import { useAction } from './useAction';

/**
 * A record edited in a dialog: the draft (null while the dialog is closed), the form's problems
 * beside its fields, and the save, which closes the dialog when it succeeds.
 */
export function useEditDialog<D>() {
  const [draft, setDraft] = useState<D | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const action = useAction();
  const close = () => {
    setDraft(null);
    setErrors({});
    action.setError(null);
  };
  return {
    draft,
    setDraft,
    errors,
    /** Why the last save failed. */
    error: action.error,
    busy: action.busy,
    close,
    /** Shows the form's problems beside its fields; true when there are none. */
    check(problems: FormErrors): boolean {
      setErrors(problems);
      action.setError(null);
      return Object.keys(problems).length === 0;
    },
    /** Runs the write; on success shows `success` and closes the dialog. */
    save(write: () => Promise<unknown>, success: string): Promise<boolean> {
      return action.run(write, { success, then: close });
    },
  };
}
