// Small fetch wrappers for the sample forum tests: real HTTP, JSON in and out.
import type { SampleForum } from '../../../main/sample-forum/server';

export type JsonObject = Record<string, any>;

export async function getJson(forum: SampleForum, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: JsonObject; headers: Headers }> {
  const response = await fetch(`${forum.url}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as JsonObject, headers: response.headers };
}

export function authHeaders(forum: SampleForum): Record<string, string> {
  return { 'Api-Key': forum.apiKey.key, 'Api-Username': forum.apiKey.username };
}

export async function postReply(
  forum: SampleForum,
  params: Record<string, string | number>,
  headers: Record<string, string> = authHeaders(forum),
): Promise<{ status: number; body: JsonObject }> {
  const response = await fetch(`${forum.url}/posts.json`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as JsonObject };
}
