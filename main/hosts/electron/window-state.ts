// The window comes back where the person left it: size, position and maximised state, kept in a
// small JSON file in the userData folder. The file is read through a schema (hand-edited or from
// another version, it must not break start-up), and a position on a display that is gone (a
// laptop undocked from its monitor) is not restored: the window would open off-screen.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_SIZE = { width: 1200, height: 820 } as const;
export const MIN_WINDOW_SIZE = { width: 640, height: 480 } as const;
/** How much of the window's top must lie on a display for its position to be restored. */
const VISIBLE_TOP = { width: 120, height: 40 } as const;

const Coordinate = v.pipe(v.number(), v.integer(), v.minValue(-100_000), v.maxValue(100_000));
const Extent = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000));

const WindowStateSchema = v.object({
  x: Coordinate,
  y: Coordinate,
  width: Extent,
  height: Extent,
  maximized: v.boolean(),
});
export type WindowState = v.InferOutput<typeof WindowStateSchema>;

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where and how big the window opens; x and y are absent when the system should place it. */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export function readWindowState(dir: string, readFile: (file: string) => string = (file) => readFileSync(file, 'utf8')): WindowState | null {
  let text: string;
  try {
    text = readFile(path.join(dir, WINDOW_STATE_FILE));
  } catch {
    return null; // first start
  }
  try {
    const parsed = v.safeParse(WindowStateSchema, JSON.parse(text));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/** Written to a temporary file first, so a crash mid-write leaves the previous state, not half a file. */
export function writeWindowState(dir: string, state: WindowState): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, WINDOW_STATE_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`);
  renameSync(temporary, file);
}

const overlap = (a: Rectangle, b: Rectangle): Rectangle => {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x), height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y) };
};

/** Chooses where the window opens from what was saved and the displays there are now (their work areas). */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rectangle[]): WindowPlacement {
  if (!saved) return { ...DEFAULT_WINDOW_SIZE, maximized: false };
  // The title bar is what the person drags: enough of it must be on some display.
  const top: Rectangle = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(saved.height, VISIBLE_TOP.height) };
  const home = workAreas.find((area) => {
    const seen = overlap(top, area);
    return seen.width >= Math.min(VISIBLE_TOP.width, saved.width) && seen.height >= Math.min(VISIBLE_TOP.height, saved.height);
  });
  if (!home) {
    // The display it was on is gone: keep the size (if it still fits somewhere), let the system place it.
    const largest = [...workAreas].sort((a, b) => b.width * b.height - a.width * a.height)[0];
    return {
      width: clamp(saved.width, MIN_WINDOW_SIZE.width, largest?.width ?? saved.width),
      height: clamp(saved.height, MIN_WINDOW_SIZE.height, largest?.height ?? saved.height),
      maximized: saved.maximized,
    };
  }
  const width = clamp(saved.width, MIN_WINDOW_SIZE.width, home.width);
  const height = clamp(saved.height, MIN_WINDOW_SIZE.height, home.height);
  return {
    x: clamp(saved.x, home.x, home.x + home.width - width),
    y: clamp(saved.y, home.y, home.y + home.height - height),
    width,
    height,
    maximized: saved.maximized,
  };
}

const clamp = (value: number, min: number, max: number) => Math.round(Math.max(min, Math.min(value, Math.max(min, max))));

/** The parts of BrowserWindow the tracking reads. */
export interface TrackedWindow {
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  isFullScreen(): boolean;
  isDestroyed(): boolean;
  // One overload per event, as Electron declares them.
  on(event: 'resize', listener: () => void): unknown;
  on(event: 'move', listener: () => void): unknown;
  on(event: 'maximize', listener: () => void): unknown;
  on(event: 'unmaximize', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

/**
 * Saves the window's state shortly after it stops moving or resizing, and at once when it closes.
 * The normal (unmaximised) bounds are kept, so un-maximising after a restart returns to them.
 */
export function trackWindowState(win: TrackedWindow, save: (state: WindowState) => void, quietMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last: string | null = null;
  const capture = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed()) return;
    const bounds = win.getNormalBounds();
    const state: WindowState = {
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.round(bounds.width),
      height: Math.round(bounds.height),
      // Full screen comes back as maximised: a window that opens full screen hides the desktop.
      maximized: win.isMaximized() || win.isFullScreen(),
    };
    const text = JSON.stringify(state);
    if (text === last) return;
    last = text;
    save(state);
  };
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(capture, quietMs);
    timer.unref?.();
  };
  win.on('resize', soon);
  win.on('move', soon);
  win.on('maximize', soon);
  win.on('unmaximize', soon);
  win.on('close', capture);
}
