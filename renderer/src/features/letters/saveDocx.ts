import type { Letter } from '@shared/letters/model';
import { api } from '../../api';
import { currentDb } from '../../state/app';
import { loadLetterhead } from './settings';

/** Saves one letter as .docx with the margins set in Thể thức văn bản (every feature uses this). */
export async function saveLetterDocx(letter: Letter, suggestedName: string): Promise<{ canceled: boolean; path: string | null }> {
  const head = await loadLetterhead(currentDb());
  return api().call('letters:saveDocx', { letter, suggestedName, margins: head?.settings.margins });
}

/** Saves several letters into one folder the user picks, with the letterhead margins. */
export async function saveLetterDocxBatch(items: { letter: Letter; fileName: string }[]): Promise<{ canceled: boolean; folder: string | null; paths: string[] }> {
  const head = await loadLetterhead(currentDb());
  return api().call('letters:saveDocxBatch', { items, margins: head?.settings.margins });
}
