/**
 * Desktop notifications (the start-up "what to follow up today" summary). Main shows them with
 * the operating system's notification centre; where there is none, the call reports shown: false.
 */
import { z } from 'zod';
import { channel } from '../channel';

const line = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1).max(max));

export const notifyChannels = {
  'notify:show': channel(z.object({ title: line(120), body: line(500) }), z.object({ shown: z.boolean() })),
};
