import type { Handlers } from '../ipc/types';
import type { OpenedFileInbox } from '../openedFile';

export function createOpenedFileHandlers(inbox: OpenedFileInbox): Handlers<'app:takeOpenedFile'> {
  return {
    'app:takeOpenedFile': async () => inbox.take(),
  };
}
