import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  placeWindow,
  readWindowState,
  trackWindowState,
  WINDOW_STATE_FILE,
  writeWindowState,
  type WindowState,
} from '../../../../main/hosts/electron/window-state';
import { FakeBrowserWindow } from './electron-stand-in';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const monitorOnTheRight = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('placeWindow', () => {
  it('opens at the default size, placed by the system, the first time', () => {
    expect(placeWindow(null, [laptop])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('restores size, position and maximised state on a display that is still there', () => {
    const saved: WindowState = { x: 1600, y: 80, width: 1400, height: 900, maximized: true };
    expect(placeWindow(saved, [laptop, monitorOnTheRight])).toEqual(saved);
  });

  it('does not restore a position on a display that is gone (it would open off-screen)', () => {
    const saved: WindowState = { x: 1600, y: 80, width: 1400, height: 900, maximized: false };
    const placement = placeWindow(saved, [laptop]);
    expect(placement.x).toBeUndefined();
    expect(placement.y).toBeUndefined();
    expect(placement).toMatchObject({ width: 1400, height: 875 });
  });

  it('pulls a window hanging over the edge back onto its display and shrinks it to fit', () => {
    const placement = placeWindow({ x: 1200, y: 10, width: 3000, height: 2000, maximized: false }, [laptop]);
    expect(placement).toEqual({ x: 0, y: 0, width: 1440, height: 875, maximized: false });
  });

  it('keeps the window at least its minimum size', () => {
    expect(placeWindow({ x: 10, y: 10, width: 50, height: 20, maximized: false }, [laptop])).toMatchObject({ width: 640, height: 480 });
  });
});

describe('the window-state file', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('round-trips through userData', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'window-state-'));
    const state: WindowState = { x: 10, y: 20, width: 1000, height: 700, maximized: false };
    writeWindowState(dir, state);
    expect(readWindowState(dir)).toEqual(state);
    expect(JSON.parse(readFileSync(path.join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual(state);
  });

  it('is ignored when missing, corrupt or of the wrong shape', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'window-state-'));
    expect(readWindowState(dir)).toBeNull();
    writeFileSync(path.join(dir, WINDOW_STATE_FILE), '{"x": 1, "y"');
    expect(readWindowState(dir)).toBeNull();
    writeFileSync(path.join(dir, WINDOW_STATE_FILE), JSON.stringify({ x: 1, y: 2, width: -5, height: 10, maximized: false }));
    expect(readWindowState(dir)).toBeNull();
    writeFileSync(path.join(dir, WINDOW_STATE_FILE), JSON.stringify({ x: 'left', y: 2, width: 500, height: 500, maximized: false }));
    expect(readWindowState(dir)).toBeNull();
  });
});

describe('trackWindowState', () => {
  afterEach(() => vi.useRealTimers());

  it('saves once the window stops moving, and at once when it closes', () => {
    vi.useFakeTimers();
    const win = new FakeBrowserWindow({ x: 0, y: 0, width: 800, height: 600 });
    const save = vi.fn();
    trackWindowState(win, save, 500);
    win.setBounds({ x: 10 });
    win.setBounds({ x: 20 });
    win.setBounds({ width: 900 });
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenLastCalledWith({ x: 20, y: 0, width: 900, height: 600, maximized: false });
    win.maximize();
    win.close();
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith({ x: 20, y: 0, width: 900, height: 600, maximized: true });
  });

  it('keeps the normal bounds of a full-screen window and brings it back maximised', () => {
    const win = new FakeBrowserWindow({ x: 5, y: 5, width: 800, height: 600 });
    win.fullScreen = true;
    const save = vi.fn();
    trackWindowState(win, save);
    win.close();
    expect(save).toHaveBeenCalledWith({ x: 5, y: 5, width: 800, height: 600, maximized: true });
  });
});
