import type { AccountStore } from '../auth/accounts';
import type { Handlers } from '../ipc/types';

type AuthChannel =
  | 'auth:status'
  | 'auth:createFirstAdmin'
  | 'auth:login'
  | 'auth:logout'
  | 'auth:lock'
  | 'auth:unlock'
  | 'auth:changePassword'
  | 'auth:listAccounts'
  | 'auth:createAccount'
  | 'auth:updateAccount'
  | 'auth:resetPassword';

export function createAuthHandlers(accounts: AccountStore): Handlers<AuthChannel> {
  return {
    'auth:status': async () => {
      const recovery = await accounts.recovery();
      return { hasAccounts: recovery === 'tampered' || (await accounts.hasAccounts()), session: accounts.currentSession(), recovery };
    },
    'auth:createFirstAdmin': (req) => accounts.createFirstAdmin(req),
    'auth:login': (req) => accounts.login(req.username, req.password),
    'auth:logout': async () => {
      await accounts.logout();
      return {};
    },
    'auth:lock': async () => {
      accounts.lock();
      return {};
    },
    'auth:unlock': (req) => accounts.unlock(req.password),
    'auth:changePassword': async (req) => {
      await accounts.changePassword(req.oldPassword, req.newPassword);
      return {};
    },
    'auth:listAccounts': () => accounts.list(),
    'auth:createAccount': (req) => accounts.createAccount(req),
    'auth:updateAccount': (req) => accounts.updateAccount(req),
    'auth:resetPassword': async (req) => {
      await accounts.resetPassword(req.id, req.newPassword);
      return {};
    },
  };
}
