import { join } from 'node:path';
import { z } from 'zod';
import { readJson, writeJson } from './fs/jsonStore';

const stateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(800).max(10000),
  height: z.number().int().min(600).max(10000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof stateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1366, height: 768, maximized: false };

export async function loadWindowState(dataDir: string): Promise<WindowState> {
  try {
    return await readJson(join(dataDir, 'window-state.json'), stateSchema, DEFAULT_WINDOW_STATE);
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export async function saveWindowState(dataDir: string, state: WindowState): Promise<void> {
  await writeJson(join(dataDir, 'window-state.json'), stateSchema.parse(state));
}

/** A saved position is used only if it is still on one of the screens (a monitor may be gone). */
export function fitsOnScreens(state: WindowState, screens: { x: number; y: number; width: number; height: number }[]): boolean {
  if (state.x === undefined || state.y === undefined) return false;
  const { x, y } = state;
  return screens.some((s) => x >= s.x - 20 && y >= s.y - 20 && x + 200 <= s.x + s.width && y + 100 <= s.y + s.height);
}
