// One client per news server, shared by everything that talks to it at the same time (a sync run,
// a reply being sent, a login being checked), so the server sees no more connections than the
// person allowed. When nothing uses it, its connections are closed: news servers drop idle readers
// anyway, and a reader left connected holds one of the few slots a server allows per user.
import { NntpClient, type NntpClientOptions } from './nntp-client';

interface Entry {
  client: NntpClient;
  key: string;
  users: number;
}

export class NewsServers {
  private readonly servers = new Map<string, Entry>();

  /** Runs `work` with the forum's client, made from `options` unless one with the same settings is in use. */
  async use<T>(forumId: string, options: NntpClientOptions, work: (client: NntpClient) => Promise<T>): Promise<T> {
    const key = JSON.stringify([options.address, options.credentials ?? null, options.connections ?? 1]);
    let entry = this.servers.get(forumId);
    if (!entry || entry.key !== key) {
      // New settings (a login saved meanwhile): a new client; one still in use finishes on its own.
      entry = { client: new NntpClient(options), key, users: 0 };
      this.servers.set(forumId, entry);
    }
    const used = entry;
    used.users += 1;
    try {
      return await work(used.client);
    } finally {
      used.users -= 1;
      if (used.users === 0) {
        used.client.close();
        if (this.servers.get(forumId) === used) this.servers.delete(forumId);
      }
    }
  }
}
