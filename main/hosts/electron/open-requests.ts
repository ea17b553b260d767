// Threads the person asked for from outside the page: a forum-reader:// link (which may be what
// started the program) or a clicked notification. An event sent before the page subscribed would
// be lost, so requests wait here until the page asks for them (the `takeOpenRequests` call, made
// right after it subscribes to `openThread`); from then on they go out as events.
import type { OpenThreadRequest } from '../../../shared/desktop';
import type { EmitEvent } from '../../services';

/** A burst of links (a script, a stuck key) should not pile up without bound. */
const MAX_PENDING = 20;

export class OpenRequestQueue {
  private pending: OpenThreadRequest[] = [];
  private pageListening = false;

  constructor(private readonly emit: EmitEvent) {}

  push(request: OpenThreadRequest): void {
    if (this.pageListening) {
      this.emit('openThread', request);
      return;
    }
    this.pending = [...this.pending, request].slice(-MAX_PENDING);
  }

  /** The page is listening now: hands over what waited. */
  take(): OpenThreadRequest[] {
    this.pageListening = true;
    return this.pending.splice(0);
  }

  /** The page is (re)loading or gone; hold requests until it asks again. */
  pageLeft(): void {
    this.pageListening = false;
  }
}
