// The web host's per-launch token. The printed link carries it in the fragment (#token=…), which
// the browser never sends to a server and never puts in a Referer. The page moves it into
// localStorage, which is scoped to the reader's own origin (port included, unlike cookies), so a
// reload and a second tab opened on the bare address keep working, then takes it out of the
// address bar so it is not left in history or on screen.
const STORAGE_KEY = 'reader-launch-token';

export function takeLaunchToken(location: Pick<Location, 'hash' | 'pathname' | 'search'>, storage: Storage, history: Pick<History, 'replaceState' | 'state'>): string | null {
  const offered = new URLSearchParams(location.hash.slice(1)).get('token');
  if (offered) {
    storage.setItem(STORAGE_KEY, offered);
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  }
  return storage.getItem(STORAGE_KEY);
}
