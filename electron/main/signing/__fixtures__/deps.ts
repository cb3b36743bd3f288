/** Main-process deps for the signing tests: a temp data folder and dialogs answered by the test. */
import type { MainDeps } from '../../deps';

export function scriptedDeps(dataDir: string, answers: { save(): string | null; open(): string | null }): MainDeps {
  return {
    dataDir,
    dialogs: { pickSavePath: async () => answers.save(), pickOpenPath: async () => answers.open(), pickFolder: async () => null },
    secretBox: { available: () => false, encrypt: (b) => b, decrypt: (b) => b },
    shell: { openPath: async () => undefined },
    now: () => new Date(),
    appVersion: 'test',
    isElectron: false,
  };
}
