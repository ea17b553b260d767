// A hostile forum: every payload of the corpus arrives in a synced post's cooked HTML. The reader
// shows each post, nothing runs, nothing loads from another host, and nothing that could run or
// load is in the page at all: the sanitiser stopped it, not only the Content-Security-Policy.
import type { Page } from '@playwright/test';
import { EVIL, payloadMarker, XSS_PAYLOADS } from './fixtures/xss-payloads';
import { SAMPLE_BOARD, SAMPLE_CATEGORY_ID, ThreadView } from './pages/thread-view';
import { expect, test } from './reader-test';

const HOSTILE_TITLE = 'Hostile thread <img src=x onerror=__xss(9999)>';

declare global {
  interface Window {
    __xss(n: number): void;
    __xssHits: number[];
    __cspViolations: string[];
  }
}

/** Records scripts that ran, dialogs, CSP violations, and requests for anything but the loopback hosts. */
async function watch(page: Page) {
  const outside: string[] = [];
  const dialogs: string[] = [];
  const popups: string[] = [];
  await page.addInitScript(() => {
    window.__xssHits = [];
    window.__xss = (n: number) => window.__xssHits.push(n);
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.context().route(
    (url) => url.hostname !== '127.0.0.1',
    async (route) => {
      outside.push(route.request().url());
      await route.abort();
    },
  );
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.hostname !== '127.0.0.1') outside.push(request.url());
  });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('popup', (popup) => popups.push(popup.url()));
  return {
    async report() {
      const [hits, csp] = await page.evaluate(() => [window.__xssHits, window.__cspViolations] as const);
      // Chromium reports an inline handler as a script-src-attr violation as soon as any parser
      // (the sanitiser's own, in an inert document) meets one; those say nothing ran. Any other
      // directive would mean something was blocked at the last wall.
      const blocked = csp.filter((violation) => !violation.startsWith('script-src-attr inline'));
      return { scriptsRan: hits, dialogs, popups, outsideRequests: [...new Set(outside)], cspBlocked: blocked };
    },
  };
}

test(`${XSS_PAYLOADS.length} known XSS payloads in synced posts run nothing and load nothing from outside`, async ({ reader, backend, page }) => {
  test.setTimeout(240_000);
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
  const store = backend.forum.store;
  const topic = store.addTopic({
    title: HOSTILE_TITLE,
    categoryId: SAMPLE_CATEGORY_ID,
    username: 'steve_c',
    raw: 'A thread of hostile posts.',
    cooked: `<p>A thread of hostile posts.</p><script>__xss(0)</script>`,
  });
  for (const payload of XSS_PAYLOADS) {
    store.addPost({ topicId: topic.id, username: 'steve_c', raw: payloadMarker(payload.n), cooked: `<p>${payloadMarker(payload.n)}</p>${payload.html}` });
  }
  const watcher = await watch(page);

  await reader.open();
  // The trap is set: a payload that ran would be recorded.
  expect(await page.evaluate(() => typeof window.__xss)).toBe('function');
  await expect(reader.status).toHaveText(/Synced at/);
  await reader.openThread(SAMPLE_BOARD, HOSTILE_TITLE);
  await expect(reader.posts()).toHaveCount(XSS_PAYLOADS.length + 1);
  const thread = new ThreadView(reader);

  // Every payload's post is shown, and a person hovers, clicks and tabs through it.
  for (const payload of XSS_PAYLOADS) {
    const marker = reader.post(payload.n + 1, 'steve_c').getByText(payloadMarker(payload.n), { exact: true });
    // Moving there and clicking passes over the post: mouseover, pointer and click handlers would fire.
    await marker.click();
  }
  for (let i = 0; i < 40; i += 1) await page.keyboard.press('Tab');
  await thread.press('g', 'g', 'Shift+G');
  // Whatever was going to load has had its chance: every image in the page has loaded or failed
  // (an onerror would have fired), and two more frames have been drawn.
  await page.waitForFunction(() => [...document.images].every((image) => image.complete));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

  expect(await watcher.report()).toEqual({ scriptsRan: [], dialogs: [], popups: [], outsideRequests: [], cspBlocked: [] });
  // What the posts put into the page: no handler, no script, frame, form or style, no foreign URL.
  const live = await reader.thread.getByRole('article').evaluateAll((articles) =>
    articles.flatMap((article) =>
      [...article.querySelectorAll('*')].flatMap((element) => {
        const found: string[] = [];
        const tag = element.tagName.toLowerCase();
        if (['script', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'style', 'link', 'meta', 'base', 'svg', 'math'].includes(tag)) found.push(`<${tag}>`);
        for (const attribute of element.attributes) {
          if (attribute.name.startsWith('on') || attribute.name === 'style' || attribute.name === 'srcdoc') found.push(`${tag}[${attribute.name}]`);
          if ((attribute.name === 'href' || attribute.name === 'src') && /^\s*(javascript|vbscript|data:text)/i.test(attribute.value)) found.push(`${tag}[${attribute.name}=${attribute.value}]`);
          if (attribute.name === 'src' && attribute.value.includes('evil.example')) found.push(`${tag}[src=${attribute.value}]`);
        }
        return found;
      }),
    ),
  );
  expect(live).toEqual([]);
  await expect(thread.heading()).toHaveText(HOSTILE_TITLE);
  await expect(page).toHaveTitle(`${HOSTILE_TITLE} – Forum Reader`);
  // Nothing a post carried can pass for the reader's own controls.
  await expect(reader.thread.getByRole('button', { name: 'Mark thread read' })).toHaveCount(1);
  await expect(page.locator('#root')).toHaveCount(1);
});

test('remote images load only with "Load remote images" on and the machine online', async ({ reader, backend, page }) => {
  backend.forum.store.addPost({
    topicId: 1377,
    username: 'steve_c',
    raw: 'A still from the ballet: ![The Red Shoes ballet, the newspaper dance](https://images.example.org/red-shoes/newspaper.png)',
  });
  const requested: string[] = [];
  // A 1x1 PNG scaled up: enough to prove the image was asked for and drawn.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  await page.context().route('https://images.example.org/**', async (route) => {
    requested.push(route.request().url());
    await route.fulfill({ status: 200, contentType: 'image/png', body: png });
  });
  await page.context().route((url) => url.hostname !== '127.0.0.1' && url.hostname !== 'images.example.org', (route) => {
    requested.push(route.request().url());
    return route.abort();
  });

  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await reader.openThread(SAMPLE_BOARD, 'What are your favourite scenes?');
  const post = reader.post(19, 'steve_c');
  await new ThreadView(reader).goToPost(19);
  await expect(post.getByText('Image: The Red Shoes ballet, the newspaper dance')).toBeVisible();
  expect(requested).toEqual([]);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const setting = page.getByRole('checkbox', { name: 'Load remote images' });
  await expect(setting).not.toBeChecked();
  await setting.check();
  // A forum that keeps its pictures (the sample forum does) never loads one, whatever the setting.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Reader' }).click();
  await new ThreadView(reader).goToPost(19);
  await expect(post.getByText('Image: The Red Shoes ballet, the newspaper dance')).toBeVisible();
  expect(requested).toEqual([]);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('checkbox', { name: 'Keep images offline from MovieChat Forums' }).uncheck();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Reader' }).click();
  await new ThreadView(reader).goToPost(19);
  const image = post.getByRole('img', { name: 'The Red Shoes ballet, the newspaper dance' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  expect(requested).toEqual(['https://images.example.org/red-shoes/newspaper.png']);

  // Offline, the setting alone is not enough.
  await page.context().setOffline(true);
  await expect(post.getByText('Image: The Red Shoes ballet, the newspaper dance')).toBeVisible();
  await expect(image).toHaveCount(0);
  await page.context().setOffline(false);
});
