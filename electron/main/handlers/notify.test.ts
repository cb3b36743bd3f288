import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { notifyChannels } from '@shared/ipc/channels/notify';
import { createNotifyHandlers, type Notifier } from './notify';

const ctx = { senderUrl: 'app://dondoc/index.html' };

function accounts(state: { loggedIn: boolean }) {
  return {
    requireSession: () => {
      if (!state.loggedIn) throw new AppError('not-authorised', 'Bạn cần đăng nhập để thực hiện thao tác này.');
      return undefined as never;
    },
  };
}

function recording(supported = true): Notifier & { shown: { title: string; body: string }[] } {
  const shown: { title: string; body: string }[] = [];
  return { shown, supported: () => supported, show: (n) => void shown.push(n) };
}

describe('notify:show', () => {
  const req = notifyChannels['notify:show'].req.parse({ title: ' Đôn đốc hôm nay ', body: '12 nhiệm vụ quá hạn, 5 sắp đến hạn, 3 đơn vị cần đôn đốc' });

  it('shows the notification through the injected notifier, trimmed by the schema', async () => {
    const n = recording();
    const r = await createNotifyHandlers(accounts({ loggedIn: true }), { notifier: n })['notify:show'](req, ctx);
    expect(r).toEqual({ shown: true });
    expect(n.shown).toEqual([{ title: 'Đôn đốc hôm nay', body: '12 nhiệm vụ quá hạn, 5 sắp đến hạn, 3 đơn vị cần đôn đốc' }]);
  });

  it('refuses without a session and shows nothing', async () => {
    const n = recording();
    await expect(createNotifyHandlers(accounts({ loggedIn: false }), { notifier: n })['notify:show'](req, ctx)).rejects.toMatchObject({ code: 'not-authorised' });
    expect(n.shown).toEqual([]);
  });

  it('reports shown: false without a notifier, on a system without notifications, or when showing fails', async () => {
    expect(await createNotifyHandlers(accounts({ loggedIn: true }))['notify:show'](req, ctx)).toEqual({ shown: false });
    const unsupported = recording(false);
    expect(await createNotifyHandlers(accounts({ loggedIn: true }), { notifier: unsupported })['notify:show'](req, ctx)).toEqual({ shown: false });
    expect(unsupported.shown).toEqual([]);
    const broken: Notifier = {
      supported: () => true,
      show: () => {
        throw new Error('no notification daemon');
      },
    };
    expect(await createNotifyHandlers(accounts({ loggedIn: true }), { notifier: broken })['notify:show'](req, ctx)).toEqual({ shown: false });
  });

  it('rejects an empty body at the boundary', () => {
    expect(notifyChannels['notify:show'].req.safeParse({ title: 'x', body: '   ' }).success).toBe(false);
  });
});
