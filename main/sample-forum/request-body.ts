// Discourse accepts POST parameters as JSON, form-encoded or multipart bodies; clients use all three.

export type Params = Record<string, string>;

export function parseRequestBody(contentType: string | undefined, body: Buffer): Params | null {
  const type = (contentType ?? '').toLowerCase();
  if (body.length === 0) return {};
  if (type.includes('application/json')) return parseJson(body.toString('utf8'));
  if (type.includes('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
    return boundary ? parseMultipart(body.toString('utf8'), (boundary[1] ?? boundary[2] ?? '').trim()) : null;
  }
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}

function parseJson(text: string): Params | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const params: Params = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') params[key] = String(item);
  }
  return params;
}

function parseMultipart(text: string, boundary: string): Params {
  const params: Params = {};
  for (const part of text.split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd === -1) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, headerEnd))?.[1];
    if (name === undefined) continue;
    params[name] = part.slice(headerEnd + 4).replace(/\r\n$/, '');
  }
  return params;
}
