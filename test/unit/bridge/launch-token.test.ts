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

const at = (hash: string) => ({ hash, pathname: '/', search: '' });

describe('the launch token', () => {
  it('takes the token from the fragment and out of the address bar', () => {
    const { replaced, history } = fakeHistory();
    const taken = takeLaunchToken({ hash: '#token=abc', pathname: '/', search: '?view=outbox' }, memoryStorage(), history);
    expect(taken.token).toBe('abc');
    expect(replaced).toEqual(['/?view=outbox']);
  });

  it('once the host accepted it, a reload or a second tab opened without the fragment uses it', () => {
    const storage = memoryStorage();
    takeLaunchToken(at('#token=abc'), storage, fakeHistory().history).accepted();
    const { replaced, history } = fakeHistory();
    expect(takeLaunchToken(at(''), storage, history).token).toBe('abc');
    expect(replaced).toEqual([]);
  });

  it('a link with a token the host did not accept leaves the kept one alone', () => {
    const storage = memoryStorage();
    takeLaunchToken(at('#token=good'), storage, fakeHistory().history).accepted();
    // Any web page can send a tab to the reader's address with a made-up token.
    expect(takeLaunchToken(at('#token=junk'), storage, fakeHistory().history).token).toBe('junk');
    expect(takeLaunchToken(at(''), storage, fakeHistory().history).token).toBe('good');
  });

  it('a newer launch’s accepted token replaces the kept one', () => {
    const storage = memoryStorage();
    takeLaunchToken(at('#token=old'), storage, fakeHistory().history).accepted();
    takeLaunchToken(at('#token=new'), storage, fakeHistory().history).accepted();
    expect(takeLaunchToken(at(''), storage, fakeHistory().history).token).toBe('new');
  });
});
