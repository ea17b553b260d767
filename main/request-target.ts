// What a client put on its request line, read without trusting it: a target that is not a URL or
// a path with a broken `%` escape is the client's mistake (400), never a thrown error that turns
// into a 500 and a stack trace in the log.

export function parseRequestTarget(target: string | undefined, base: string): URL | null {
  try {
    return new URL(target ?? '/', base);
  } catch {
    return null;
  }
}

export function decodePathname(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}
