/**
 * `notify:show`: a desktop notification through an injected `Notifier` (Electron's
 * Notification in index.ts), so the handler runs under vitest and in the browser harness, where
 * the default notifier shows nothing and says so.
 */
import type { z } from 'zod';
import { notifyChannels } from '@shared/ipc/channels/notify';
import type { AccountStore } from '../auth/accounts';
import type { HandlerContext } from '../ipc/types';

export interface Notifier {
  /** Whether this system can show notifications at all. */
  supported(): boolean;
  show(notification: { title: string; body: string }): void;
}

/** Shows nothing: the default where no notification centre is wired in. */
export const silentNotifier: Notifier = { supported: () => false, show: () => undefined };

export type NotifyChannel = keyof typeof notifyChannels;

/** `Handlers<NotifyChannel>`, typed from `notifyChannels` so it compiles before the contract spreads them. */
export type NotifyHandlers = {
  [K in NotifyChannel]: (request: z.output<(typeof notifyChannels)[K]['req']>, ctx: HandlerContext) => Promise<z.output<(typeof notifyChannels)[K]['res']>>;
};

export function createNotifyHandlers(accounts: Pick<AccountStore, 'requireSession'>, options: { notifier?: Notifier } = {}): NotifyHandlers {
  const notifier = options.notifier ?? silentNotifier;
  return {
    'notify:show': async ({ title, body }) => {
      // Only a logged-in, unlocked session may put text on the desktop.
      accounts.requireSession();
      if (!notifier.supported()) return { shown: false };
      try {
        notifier.show({ title, body });
      } catch {
        // A notification is a courtesy: failing to show one must not break start-up.
        return { shown: false };
      }
      return { shown: true };
    },
  };
}
