/**
 * Who may call each channel, declared once per channel and enforced around the handler table
 * (createHandlers wraps every handler with `guardTable`), so Electron's ipcMain, the unit tests
 * and the browser harness all go through the same check. The renderer cannot be trusted to ask
 * only for what its screens offer: a script in the page can call any channel.
 *
 * - `anyone`: needed before sign-in (status, login, first run) or harmless.
 * - `session`: a signed-in account whose session is not locked.
 * - `admin`: the same, and the account is an administrator.
 * A rule may name requests that need no session (`openWhen`); the handler then checks those itself
 * (the pre-migration backup, see handlers/backup.ts).
 */
import type { Role } from '@shared/roles';
import type { Channel, ParsedRequestOf } from '@shared/ipc/contract';
import { exchangeChannelRoles } from '@shared/ipc/channels/exchange';
import type { HandlerTable } from './types';

export type AccessLevel = 'anyone' | 'session' | 'admin';

export interface AccessRule<C extends Channel> {
  level: AccessLevel;
  openWhen?: (request: ParsedRequestOf<C>) => boolean;
}

/** Every channel must appear: a new channel without a rule does not compile. */
export type AccessTable = { [C in Channel]: AccessLevel | AccessRule<C> };

export const CHANNEL_ACCESS: AccessTable = {
  'app:info': 'anyone',
  // A file double-clicked in Explorer; the screen it opens reads it through the guarded sync channels.
  'app:takeOpenedFile': 'session',

  'auth:status': 'anyone',
  'auth:createFirstAdmin': 'anyone',
  'auth:login': 'anyone',
  'auth:logout': 'anyone',
  'auth:lock': 'anyone',
  'auth:unlock': 'anyone',
  'auth:changePassword': 'session',
  'auth:listAccounts': 'admin',
  'auth:createAccount': 'admin',
  'auth:updateAccount': 'admin',
  'auth:resetPassword': 'admin',

  // The pre-migration backup is written while the database opens, before anyone signs in; the
  // handler accepts it only when main's schema ledger says an upgrade is due (handlers/backup.ts).
  'backup:write': { level: 'session', openWhen: (req) => req.reason === 'pre-migration' },
  'backup:databaseOpened': 'anyone',
  'backup:list': 'session',
  'backup:status': 'session',
  'backup:pickFolder': 'session',
  'backup:open': 'admin',
  'backup:body': 'admin',
  'backup:disk': 'session',
  'backup:verify': 'session',
  'backup:anchorAudit': 'session',
  // Read before sign-in by the start-up check; it reveals only a sequence number and a hash.
  'backup:auditAnchor': 'anyone',
  'safety:accountAudit': 'admin',
  'safety:getSettings': 'session',
  'safety:setSettings': 'admin',

  'xlsx:save': 'session',
  'xlsx:open': 'session',

  'letters:saveDocx': 'session',
  'letters:saveDocxBatch': 'session',
  'letters:open': 'session',
  'print:letterHtml': 'session',
  'print:letterPdf': 'session',
  // The token library and the signer/seal images are set once by an administrator; signing asks
  // the token's PIN in main's own window, so a session is enough to sign.
  'signing:getConfig': 'session',
  'signing:chooseLibrary': 'admin',
  'signing:setTsaUrl': 'admin',
  'signing:chooseImage': 'admin',
  'signing:listCertificates': 'session',
  'signing:signLetterPdf': 'session',
  'signing:verifyPdf': 'session',

  'files:attach': 'session',
  'files:open': 'session',
  'notify:show': 'session',

  ...exchangeChannelRoles,

  'sync:identity': 'session',
  'sync:readPackage': 'session',
  'sync:rotateKey': 'admin',
  'sync:exportPackage': 'admin',
  'sync:exportIdentityCard': 'admin',
  'sync:readIdentityCard': 'admin',
  'sync:exportRegistry': 'admin',
  'sync:readRegistry': 'admin',
};

export interface SessionGate {
  /** Throws a Vietnamese 'not-authorised' AppError unless a session is open, unlocked and (when given) of one of the roles. */
  requireSession(roles?: Role[]): unknown;
}

export function ruleOf<C extends Channel>(access: AccessTable, channel: C): AccessRule<C> {
  const rule = access[channel] as AccessLevel | AccessRule<C>;
  return typeof rule === 'string' ? { level: rule } : rule;
}

/** The same table (or a feature's slice of it), each handler preceded by its channel's rule. */
export function guardTable<T extends Partial<HandlerTable>>(table: T, access: AccessTable, gate: SessionGate): T {
  const guarded: Record<string, unknown> = {};
  for (const channel of Object.keys(table) as Channel[]) {
    const rule = ruleOf(access, channel);
    const handler = table[channel] as (req: unknown, ctx: unknown) => Promise<unknown>;
    guarded[channel] = async (req: unknown, ctx: unknown) => {
      const open = rule.level === 'anyone' || (rule.openWhen !== undefined && (rule.openWhen as (r: unknown) => boolean)(req));
      if (!open) gate.requireSession(rule.level === 'admin' ? ['admin'] : undefined);
      return handler(req, ctx);
    };
  }
  return guarded as T;
}
