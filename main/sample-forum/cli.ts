// Runs the sample forum by hand, for poking at it with curl or pointing a dev build at it:
//   npx tsx main/sample-forum/cli.ts --port 4400 --generate 5x100x50 [--mega 10000] [--data-dir DIR]
import { parseArgs } from 'node:util';
import { generateForum } from './generate-forum';
import { DISCOURSE_DEFAULT_RATE_LIMITS } from './rate-limits';
import { startSampleForum } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4400' },
    generate: { type: 'string' },
    mega: { type: 'string' },
    seed: { type: 'string', default: '1' },
    pictures: { type: 'string' },
    'data-dir': { type: 'string' },
    latency: { type: 'string' },
    'error-rate': { type: 'string' },
    'rate-limit-rate': { type: 'string' },
    'drop-rate': { type: 'string' },
    'truncate-rate': { type: 'string' },
    'discourse-limits': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(`Usage: npx tsx main/sample-forum/cli.ts [options]
  --port N                 listen on 127.0.0.1:N (0 = any free port; default 4400)
  --generate BxTxP         serve a generated forum: B boards, T threads each, P posts per thread
  --mega N                 with --generate: make the first thread N posts long
  --seed N                 generator seed (default 1)
  --pictures N             with --generate: an uploaded picture (a PNG of its own) every N posts
  --data-dir DIR           keep replies and the API key in DIR/sample-forum (default: memory only)
  --latency MS, --error-rate R, --rate-limit-rate R, --drop-rate R, --truncate-rate R   fault injection
  --discourse-limits       enforce Discourse's default per-IP limits (200 a minute, 50 in 10 s) with 429 + Retry-After`);
  process.exit(0);
}

const number = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`${flag} needs a number, got "${value}"`);
  return parsed;
};

let forum;
if (values.generate) {
  const match = /^(\d+)x(\d+)x(\d+)$/.exec(values.generate);
  if (!match) throw new Error(`--generate needs BOARDSxTHREADSxPOSTS, e.g. 5x100x50; got "${values.generate}"`);
  const [boards, threadsPerBoard, posts] = match.slice(1).map(Number) as [number, number, number];
  const mega = number(values.mega, '--mega');
  const pictureEvery = number(values.pictures, '--pictures');
  const started = performance.now();
  forum = generateForum({
    boards,
    threadsPerBoard,
    postsPerThread: mega === undefined ? posts : (index) => (index === 0 ? mega : posts),
    seed: number(values.seed, '--seed') ?? 1,
    ...(pictureEvery !== undefined && { pictureEvery }),
  });
  console.log(`generated ${forum.topics.size} topics, ${forum.posts.size} posts in ${Math.round(performance.now() - started)} ms`);
}

const faults = Object.fromEntries(
  Object.entries({
    latencyMs: number(values.latency, '--latency'),
    serverErrorRate: number(values['error-rate'], '--error-rate'),
    rateLimitRate: number(values['rate-limit-rate'], '--rate-limit-rate'),
    dropRate: number(values['drop-rate'], '--drop-rate'),
    truncateRate: number(values['truncate-rate'], '--truncate-rate'),
  }).filter(([, value]) => value !== undefined),
);

const server = await startSampleForum({
  dataDir: values['data-dir'] ?? null,
  port: number(values.port, '--port') ?? 4400,
  ...(forum && { forum }),
  faults,
  ...(values['discourse-limits'] && { rateLimits: DISCOURSE_DEFAULT_RATE_LIMITS }),
});
console.log(`sample forum at ${server.url}`);
console.log(`post with: -H 'Api-Key: ${server.apiKey.key}' -H 'Api-Username: ${server.apiKey.username}'`);

const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
