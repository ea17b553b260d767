import { describe, expect, it } from 'vitest';
import { takeLaunchToken } from '../../../renderer/bridge/launch-token';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

function fakeHistory() {
  const replaced: string[] = [];
  return { replaced, history: { state: null, replaceState: (_state: unknown, _unused: string, url?: string | URL | null) => void replaced.push(String(url)) } };
}

describe('the launch token', () => {
  it('moves the token from the fragment into storage and out of the address bar', () => {
    const storage = memoryStorage();
    const { replaced, history } = fakeHistory();
    expect(takeLaunchToken({ hash: '#token=abc', pathname: '/', search: '?view=outbox' }, storage, history)).toBe('abc');
    expect(replaced).toEqual(['/?view=outbox']);
  });

  it('keeps working on a reload or a second tab opened without the fragment', () => {
    const storage = memoryStorage();
    takeLaunchToken({ hash: '#token=abc', pathname: '/', search: '' }, storage, fakeHistory().history);
    const { replaced, history } = fakeHistory();
    expect(takeLaunchToken({ hash: '', pathname: '/', search: '' }, storage, history)).toBe('abc');
    expect(replaced).toEqual([]);
  });

  it('takes the newer launch’s token over a stored one', () => {
    const storage = memoryStorage();
    takeLaunchToken({ hash: '#token=old', pathname: '/', search: '' }, storage, fakeHistory().history);
    expect(takeLaunchToken({ hash: '#token=new', pathname: '/', search: '' }, storage, fakeHistory().history)).toBe('new');
  });
});
