// How long to wait before the next attempt when the forum named no time: exponential from 5 s,
// at most 10 minutes, with ±20% jitter so that many queued replies do not retry in step.
const FIRST_MS = 5_000;
const LONGEST_MS = 10 * 60_000;

export function retryDelayMs(attempts: number, random: () => number): number {
  const base = Math.min(LONGEST_MS, FIRST_MS * 3 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
