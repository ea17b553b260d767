// Discourse's error shape, `{ errors: ["…"], error_type?, extras? }` (core: lib/json_error.rb):
// the words a refusal is shown with.

/** The forum's own messages, joined; null when the body is not that shape (a proxy page, plain text). */
export function discourseErrors(text: string): string | null {
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(body.errors)) {
      const messages = body.errors.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
      if (messages.length > 0) return messages.join(' ');
    }
  } catch {
    // Not JSON: a proxy's page or the site-wide limiter's plain text.
  }
  return null;
}
