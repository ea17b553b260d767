// Single threads to keep offline, as a person pastes them: topic addresses
// (https://forum.example/t/some-slug/1234, /t/1234/5) or bare topic numbers, one a line.

export interface ParsedThreads {
  topicIds: number[];
  /** Lines that name no topic, as typed. */
  unreadable: string[];
}

export function parseThreadAddresses(text: string): ParsedThreads {
  const topicIds: number[] = [];
  const unreadable: string[] = [];
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const id = topicIdOf(line);
    if (id === null) unreadable.push(line);
    else if (!topicIds.includes(id)) topicIds.push(id);
  }
  return { topicIds, unreadable };
}

function topicIdOf(line: string): number | null {
  if (/^\d+$/.test(line)) return Number(line);
  let path = line;
  try {
    path = new URL(line).pathname;
  } catch {
    // Not a full address: read it as a path.
  }
  // /t/{slug}/{id}[/{post}] or /t/{id}[/{post}]: Discourse's topic routes.
  const match = /\/t\/(?:[^/]*[^/\d][^/]*\/)?(\d+)(?:\/\d+)?\/?$/.exec(path);
  return match ? Number(match[1]) : null;
}
