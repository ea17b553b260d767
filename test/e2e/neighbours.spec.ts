// Another program on this computer: a second local server the person visits in the same browser
// must receive nothing that opens the reader.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { SyncPage } from './pages/sync-page';
import { expect, test } from './reader-test';

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

/** A neighbour on 127.0.0.1: serves a page (which loads a script from itself) and notes every request. */
async function startNeighbour(): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    if (request.url === '/probe.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' });
      response.end('document.title = "neighbour ran";');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end('<!doctype html><title>neighbour</title><script src="/probe.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

test('a second local server visited in the same browser receives nothing that opens the reader', async ({ reader, backend }) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  // The link's token is gone from the address bar once the page has taken it.
  expect(reader.page.url()).not.toContain(backend.host.token);

  const neighbour = await startNeighbour();
  try {
    const visit = await reader.page.context().newPage();
    for (const address of [neighbour.url, neighbour.url.replace('127.0.0.1', 'localhost')]) {
      await visit.goto(`${address}/`);
      await expect(visit).toHaveTitle('neighbour ran');
    }
    // The reader's own tab, pointed at the neighbour too (a link followed from it).
    await reader.page.goto(`${neighbour.url}/from-reader`);
    await expect(reader.page).toHaveTitle('neighbour ran');

    expect(neighbour.seen.length).toBeGreaterThanOrEqual(6);
    for (const { url, headers } of neighbour.seen) {
      expect(headers.cookie, url).toBeUndefined();
      expect(url).not.toContain(backend.host.token);
      expect(JSON.stringify(headers), url).not.toContain(backend.host.token);
    }

    // Whatever it received, replayed at the reader, opens nothing.
    for (const { headers } of neighbour.seen) {
      const replay = await fetch(`${backend.host.url}/api/call/listForums`, {
        method: 'POST',
        headers: { ...(headers as Record<string, string>), host: new URL(backend.host.url).host, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(replay.status).toBe(403);
    }
  } finally {
    neighbour.server.closeAllConnections();
    neighbour.server.close();
  }
});

test('a reload and a second tab opened on the bare address keep working; a made-up token in a link breaks neither', async ({ reader, backend }) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  const syncs = () => backend.forum.requestLog.length;
  /**
   * Does `action` and sees the forum asked and the page synced. Every page load syncs at launch,
   * and Sync now joins a sync still running, so each step waits for the one before to end.
   */
  const syncedBy = async (page: Page, action: () => Promise<unknown>) => {
    const before = syncs();
    await action();
    await expect.poll(syncs).toBeGreaterThan(before);
    await expect(new SyncPage(page).status).toHaveText(/Synced at/);
  };
  const syncNow = (page: Page) => () => page.getByRole('button', { name: 'Sync now' }).click();

  await syncedBy(reader.page, () => reader.page.reload());
  await syncedBy(reader.page, syncNow(reader.page));

  const second = await reader.page.context().newPage();
  await syncedBy(second, () => second.goto(`${backend.host.url}/`));
  await syncedBy(second, syncNow(second));

  // Any web page can send a tab to the reader with a made-up token: that tab is refused, and the
  // token the other tabs keep is not overwritten.
  const lured = await reader.page.context().newPage();
  await lured.goto(`${backend.host.url}/#token=made-up`);
  await expect(lured.getByRole('status')).toHaveText(/no longer accepts this page/);
  await syncedBy(second, () => second.reload());
  await syncedBy(second, syncNow(second));
});
