// The web host's per-launch token. The printed link carries it in the fragment (#token=…), which
// the browser never sends to a server and never puts in a Referer. The page takes it out of the
// address bar (so it is not left in history or on screen) and, once the host has accepted it,
// keeps it in localStorage, which is scoped to the reader's own origin (port included, unlike
// cookies), so a reload and a second tab opened on the bare address keep working. Kept only once
// accepted: any web page can send a tab to 127.0.0.1:PORT/#token=junk, and that must not wipe out
// the token the other tabs and the next reload rely on.
const STORAGE_KEY = 'reader-launch-token';

export interface LaunchToken {
  /** The token this tab uses: the link's, or the one kept from an earlier visit. */
  token: string | null;
  /** The host accepted the token: keep it for reloads and other tabs. */
  accepted(): void;
}

export function takeLaunchToken(location: Pick<Location, 'hash' | 'pathname' | 'search'>, storage: Storage, history: Pick<History, 'replaceState' | 'state'>): LaunchToken {
  const offered = new URLSearchParams(location.hash.slice(1)).get('token');
  if (offered) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return {
    token: offered ?? storage.getItem(STORAGE_KEY),
    accepted: () => {
      if (offered) storage.setItem(STORAGE_KEY, offered);
    },
  };
}
