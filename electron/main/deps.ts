/**
 * What main-process handlers need from the outside world. Electron supplies the real ones
 * (electron/main/index.ts); tests and the browser harness supply temp folders and scripted dialogs.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Dialogs {
  /** Returns the chosen path, or null when the user cancels. */
  pickSavePath(options: { title: string; defaultPath: string; filters: FileFilter[] }): Promise<string | null>;
  pickOpenPath(options: { title: string; filters: FileFilter[] }): Promise<string | null>;
  pickFolder(options: { title: string; defaultPath?: string }): Promise<string | null>;
}

/** Encrypts secrets at rest where the OS offers it (Electron safeStorage). */
export interface SecretBox {
  available(): boolean;
  encrypt(plain: Buffer): Buffer;
  decrypt(sealed: Buffer): Buffer;
}

export interface Shell {
  openPath(path: string): Promise<void>;
  /** Shows the file selected in its folder (Explorer) without opening it; absent where there is no desktop. */
  showInFolder?(path: string): void;
}

export interface MainDeps {
  /** Root for everything main keeps outside the Chromium profile. */
  dataDir: string;
  dialogs: Dialogs;
  secretBox: SecretBox;
  shell: Shell;
  now: () => Date;
  appVersion: string;
  isElectron: boolean;
}
