/**
 * The one IPC contract: channel → zod request and response schemas. Main validates every
 * request against it, the preload builds `window.api` from it, and tests call the same table.
 * Each feature declares its channels in `channels/<feature>.ts` and is spread in here.
 */
import type { z } from 'zod';
import { appChannels } from './channels/app';
import { authChannels } from './channels/auth';
import { backupChannels } from './channels/backup';
import { letterChannels } from './channels/letters';
import { syncChannels } from './channels/sync';
import { exchangeChannels } from './channels/exchange';
import { printChannels } from './channels/print';
import { fileChannels } from './channels/files';
import { notifyChannels } from './channels/notify';
import { openedFileChannels } from './channels/openedFile';
import { signingChannels } from './channels/signing';

export const contract = {
  ...appChannels,
  ...authChannels,
  ...backupChannels,
  ...letterChannels,
  ...syncChannels,
  ...exchangeChannels,
  ...printChannels,
  ...fileChannels,
  ...notifyChannels,
  ...openedFileChannels,
  ...signingChannels,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['req']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['req']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['res']>;

export const channelNames = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
