// The one place a call crosses into main: both hosts route every request through here, so
// validation and error shaping cannot differ between transports.
import * as v from 'valibot';
import { AppError, api, isCallName, parseWith, type Handlers, type Result } from '../shared/api';

const INTERNAL = { code: 'internal', message: 'Something went wrong inside the reader. The details are in its log.' } as const;

export type Logger = Pick<Console, 'error' | 'warn' | 'info'>;

export async function dispatchCall(
  handlers: Handlers,
  name: string,
  rawInput: unknown,
  log: Logger = console,
): Promise<Result<unknown>> {
  if (!isCallName(name)) return { ok: false, error: { code: 'invalid_request', message: `Unknown call "${name}".` } };
  try {
    const input = parseWith(api[name].input, rawInput, name);
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const output = v.safeParse(api[name].output, await handler(input));
    if (output.success) return { ok: true, value: output.output };
    // Main broke its own contract: that is our fault, not the caller's.
    log.error(`call ${name} answered outside the contract`, output.issues);
    return { ok: false, error: INTERNAL };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
    log.error(`call ${name} failed`, error);
    return { ok: false, error: INTERNAL };
  }
}
