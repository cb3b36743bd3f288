/**
 * The entry module, kept small: it starts reading the task index's packed snapshot and only then
 * imports the app, so IndexedDB reads while the browser loads and compiles the code
 * (features/tasks/data/earlyIndexRead.ts explains the read and how it is checked).
 */
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './ui/global.css';
import { DB_NAME } from './data/dbName';
import { startEarlyIndexRead } from './features/tasks/data/earlyIndexRead';

void startEarlyIndexRead(DB_NAME);

import('./boot').catch((e: unknown) => {
  // Nothing of the app is loaded to show a styled error with: say it plainly where the app would be (the browser's wording goes to the log).
  console.error(e);
  const root = document.getElementById('root');
  if (root) root.textContent = 'Không tải được ứng dụng. Dữ liệu không bị ảnh hưởng; hãy khởi động lại ứng dụng.';
});
