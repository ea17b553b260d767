// System notifications for the `showNotification` call. The page decides whether to notify
// (renderer/features/notifications/); main shows the notification and reports whether the system
// did, so the page can show its own notice when it did not, and reports a click.
import type { NotificationRequest } from '../../../shared/desktop';
import type { Logger } from './security';

export interface NotificationLike {
  on(event: 'click' | 'close' | 'show', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
  show(): void;
}

export interface NotificationConstructorLike {
  new (options: { title: string; body: string; silent?: boolean }): NotificationLike;
  isSupported(): boolean;
}

/**
 * How long to wait for the system to say it showed the notification. show() returns before the
 * system answers: Electron emits 'show' or 'failed' later (electron_api_notification.cc,
 * NotificationDisplayed / NotificationFailed) — on Windows from the toast's callbacks, on macOS once
 * UNUserNotificationCenter answers (an unsigned build, or notifications turned off, fails), and
 * with no notification daemon on Linux neither ever comes.
 */
export const SHOW_CONFIRM_MS = 10_000;

/** Returns the `showNotification` service: shows one, resolves whether the system showed it. */
export function createSystemNotifier(
  Notification: NotificationConstructorLike,
  onClick: (threadId: string) => void,
  log: Logger = console,
  confirmMs = SHOW_CONFIRM_MS,
): (request: NotificationRequest) => Promise<boolean> {
  // Held until clicked or closed: a notification object that is garbage-collected loses its click
  // handler on some platforms.
  const live = new Set<NotificationLike>();
  return async (request) => {
    if (!Notification.isSupported()) return false;
    let notification: NotificationLike;
    try {
      notification = new Notification({ title: request.title, body: request.body });
    } catch (error) {
      log.warn('A notification could not be created', error);
      return false;
    }
    live.add(notification);
    const shown = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        log.warn(`The system did not confirm a notification within ${confirmMs / 1000} s; the page shows its own notice`);
        resolve(false);
      }, confirmMs);
      timer.unref?.();
      notification.on('show', () => {
        clearTimeout(timer);
        resolve(true);
      });
      notification.on('failed', (_event, error) => {
        clearTimeout(timer);
        live.delete(notification);
        log.warn(`The system did not show a notification: ${error}`);
        resolve(false);
      });
    });
    notification.on('click', () => {
      live.delete(notification);
      onClick(request.threadId);
    });
    notification.on('close', () => live.delete(notification));
    try {
      notification.show();
    } catch (error) {
      live.delete(notification);
      log.warn('A notification could not be shown', error);
      return false;
    }
    return shown;
  };
}
