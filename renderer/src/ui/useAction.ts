import { useCallback, useState } from 'react';
import { errorMessage, notifyError, notifySuccess } from './notify';

export interface ActionState {
  /** True while an action runs: its button shows loading and cannot be pressed twice. */
  busy: boolean;
  /** The last failure, for forms that show it in place (when no `failure` title was given). */
  error: string | null;
  setError(message: string | null): void;
  /**
   * Runs `fn`; on success shows `success` (if any) and calls `then`; on failure shows the
   * Vietnamese message in place or as a notification. Resolves to whether it succeeded.
   */
  run(fn: () => Promise<unknown>, done?: { success?: string; then?: () => void }): Promise<boolean>;
}

/**
 * The one way a screen runs a user action. `failure` (e.g. "Không lưu được tiêu chí") makes
 * errors a notification with that title; without it they go to `error` for the form to show.
 */
export function useAction(options: { failure?: string } = {}): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { failure } = options;
  const run = useCallback<ActionState['run']>(
    async (fn, done) => {
      setBusy(true);
      setError(null);
      try {
        await fn();
        if (done?.success) notifySuccess(done.success);
        done?.then?.();
        return true;
      } catch (e) {
        if (failure) notifyError(e, failure);
        else setError(errorMessage(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [failure],
  );
  return { busy, error, setError, run };
}
