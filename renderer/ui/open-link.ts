import type { ForumApi } from '../../shared/api';

/** Post links leave the reader for the system browser; in a plain browser, for a new tab. */
export async function openLink(api: ForumApi, href: string): Promise<void> {
  if (!/^https?:\/\//i.test(href)) return;
  const result = await api.openExternal({ url: href });
  if (result.ok && !result.value.opened) window.open(href, '_blank', 'noopener,noreferrer');
}
