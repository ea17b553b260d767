// The reader's keys, in one table: the dispatcher reads it and the "Keyboard shortcuts" dialog
// lists it, so the two cannot disagree.

export type ReaderCommand =
  | 'next-post'
  | 'previous-post'
  | 'next-unread-thread'
  | 'previous-unread-thread'
  | 'bookmark'
  | 'reply'
  | 'search'
  | 'first-post'
  | 'last-post'
  | 'help';

export interface KeyBinding {
  /** KeyboardEvent.key values pressed in sequence. */
  keys: readonly string[];
  command: ReaderCommand | 'open';
  description: string;
}

export const KEY_BINDINGS: readonly KeyBinding[] = [
  { keys: ['j'], command: 'next-post', description: 'Next post' },
  { keys: ['k'], command: 'previous-post', description: 'Previous post' },
  { keys: ['n'], command: 'next-unread-thread', description: 'Next unread thread' },
  { keys: ['p'], command: 'previous-unread-thread', description: 'Previous unread thread' },
  // Enter is the browser's own: boards and threads are buttons.
  { keys: ['Enter'], command: 'open', description: 'Open the focused board or thread' },
  { keys: ['b'], command: 'bookmark', description: 'Bookmark the current post' },
  { keys: ['r'], command: 'reply', description: 'Reply to the current post' },
  { keys: ['/'], command: 'search', description: 'Search posts' },
  { keys: ['g', 'g'], command: 'first-post', description: 'First post of the thread' },
  { keys: ['G'], command: 'last-post', description: 'Last post of the thread' },
  { keys: ['?'], command: 'help', description: 'Show these shortcuts' },
];

/** How long the first key of a sequence (g then g) waits for the second. */
export const SEQUENCE_TIMEOUT_MS = 1000;

type Handlers = Partial<Record<ReaderCommand, () => void>>;
const layers: Handlers[] = [];

/**
 * Parts of the reader register what they can do; the latest registration of a command wins, so
 * the open thread handles j/k while the panes around it handle n/p.
 */
export function registerReaderCommands(handlers: Handlers): () => void {
  layers.push(handlers);
  return () => {
    const index = layers.lastIndexOf(handlers);
    if (index !== -1) layers.splice(index, 1);
  };
}

export function runReaderCommand(command: ReaderCommand): boolean {
  for (let i = layers.length - 1; i >= 0; i -= 1) {
    const handler = layers[i]?.[command];
    if (handler) {
      handler();
      return true;
    }
  }
  return false;
}

/** Typing in a field, or using a dialog, is not a command. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range'].includes(type);
  }
  return false;
}

/** Follows key presses through KEY_BINDINGS; returns the command a completed sequence names. */
export function createKeySequencer(now: () => number = () => Date.now()) {
  let pending: { key: string; at: number } | null = null;
  return (key: string): ReaderCommand | null => {
    const previous = pending && now() - pending.at <= SEQUENCE_TIMEOUT_MS ? pending.key : null;
    pending = null;
    if (previous) {
      const pair = KEY_BINDINGS.find((b) => b.keys.length === 2 && b.keys[0] === previous && b.keys[1] === key);
      if (pair && pair.command !== 'open') return pair.command;
    }
    if (KEY_BINDINGS.some((b) => b.keys.length === 2 && b.keys[0] === key)) {
      pending = { key, at: now() };
      return null;
    }
    const single = KEY_BINDINGS.find((b) => b.keys.length === 1 && b.keys[0] === key);
    return single && single.command !== 'open' ? single.command : null;
  };
}
