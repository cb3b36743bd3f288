import { Alert } from '@mantine/core';
import { PairingNotice, useAwaitsRegistry } from '../sync/PairingNotice';

/** Why there is no letterhead yet: no first-run setup, or a unit office not yet paired. */
export function LetterheadMissing() {
  const awaiting = useAwaitsRegistry();
  return awaiting ? <PairingNotice what="Văn bản của máy này (cơ quan ban hành, sổ văn bản đi)" /> : <Alert color="yellow">Chưa thiết lập thông tin cơ quan.</Alert>;
}
