import { describe, expect, it } from 'vitest';
import { createNetFetch } from '../../../../main/hosts/electron/net-fetch';
import { BodyTooLargeError } from '../../../../main/sources/body-limits';
import { RedirectRefusedError } from '../../../../main/sources/fetch-following';
import { FakeNet } from './electron-stand-in';

describe('createNetFetch (Electron net: the system proxy and certificate store)', () => {
  it('sends the method, headers and body, without the session’s cookies, and reads the answer', async () => {
    const net = new FakeNet(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: [Buffer.from('{"ok":'), Buffer.from('true}')] }));
    const response = await createNetFetch(net)('https://forum.example.org/posts.json', { method: 'POST', headers: { 'Api-Key': 'k' }, body: 'raw=hi' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    await expect(response.text()).resolves.toBe('{"ok":true}');
    expect(net.requests[0]!.options).toMatchObject({ method: 'POST', url: 'https://forum.example.org/posts.json', credentials: 'omit', redirect: 'manual' });
    expect(net.requests[0]!.headers).toEqual({ 'Api-Key': 'k' });
    expect(net.requests[0]!.body).toBe('raw=hi');
  });

  it('follows a redirect to another origin by the reader’s rules: without the credentials, and never with a body', async () => {
    const net = new FakeNet((url) =>
      url.startsWith('https://forum.example.org/') ? { redirect: { status: 307, location: 'https://elsewhere.example/latest.json' } } : { status: 200, body: '{}' },
    );
    const response = await createNetFetch(net)('https://forum.example.org/latest.json', { headers: { 'Api-Key': 'k', 'Api-Username': 'me', Accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.url).toBe('https://elsewhere.example/latest.json');
    expect(net.requests.map((request) => request.headers)).toEqual([{ 'Api-Key': 'k', 'Api-Username': 'me', Accept: 'application/json' }, { Accept: 'application/json' }]);
    expect(net.requests[0]!.aborted).toBe(true);

    const posting = new FakeNet(() => ({ redirect: { status: 307, location: 'https://elsewhere.example/posts.json' } }));
    await expect(createNetFetch(posting)('https://forum.example.org/posts.json', { method: 'POST', headers: { 'Api-Key': 'k' }, body: 'raw=hi' })).rejects.toThrow(RedirectRefusedError);
    expect(posting.requests).toHaveLength(1);
  });

  it('cuts off a body over the cap and fails', async () => {
    const net = new FakeNet(() => ({ status: 200, body: [Buffer.alloc(600), Buffer.alloc(600)] }));
    const response = await createNetFetch(net)('https://forum.example.org/huge.json', { maxBodyBytes: 1000 });
    await expect(response.text()).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(net.requests[0]!.aborted).toBe(true);
  });

  it('fails as fetch does when the network does, and refuses other schemes', async () => {
    const net = new FakeNet(() => ({ error: 'net::ERR_PROXY_CONNECTION_FAILED' }));
    await expect(createNetFetch(net)('https://forum.example.org/', {})).rejects.toMatchObject({ message: 'fetch failed', cause: { message: 'net::ERR_PROXY_CONNECTION_FAILED' } });
    await expect(createNetFetch(net)('file:///etc/passwd', {})).rejects.toThrow('Only http and https');
  });

  it('aborts the request when the signal fires', async () => {
    const net = new FakeNet(() => ({ status: 200, body: 'late' }));
    const controller = new AbortController();
    const pending = createNetFetch(net)('https://forum.example.org/', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(net.requests[0]!.aborted).toBe(true);
  });

  it('aborts the request when the signal fires while the body is still coming (a timeout or Cancel sync mid-body)', async () => {
    const net = new FakeNet(() => ({ status: 200, body: [Buffer.from('{"posts":[')], stalls: true }));
    const controller = new AbortController();
    const response = await createNetFetch(net)('https://forum.example.org/t/1.json', { signal: controller.signal });
    const body = response.text();
    controller.abort();
    await expect(body).rejects.toMatchObject({ name: 'AbortError' });
    expect(net.requests[0]!.aborted).toBe(true);
  });

  it('sets no header Electron refuses from apps (Content-Length, Host…): a reply is posted, not thrown', async () => {
    const net = new FakeNet(() => ({ status: 200, body: '{}' }));
    const response = await createNetFetch(net)('https://forum.example.org/posts.json', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Api-Key': 'k' }, body: '{"raw":"hi"}' });
    expect(response.status).toBe(200);
    expect(() => net.requests[0]!.setHeader('Content-Length', '12')).toThrow('net::ERR_INVALID_ARGUMENT');
  });
});
