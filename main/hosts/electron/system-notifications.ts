// System notifications for the `showNotification` call. The page decides whether to notify
// (renderer/features/notifications/); main only shows the notification and reports a click.
import type { NotificationRequest } from '../../../shared/desktop';
import type { Logger } from './security';

export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export interface NotificationConstructorLike {
  new (options: { title: string; body: string; silent?: boolean }): NotificationLike;
  isSupported(): boolean;
}

/** Returns the `showNotification` service: shows one, resolves whether it was shown. */
export function createSystemNotifier(
  Notification: NotificationConstructorLike,
  onClick: (threadId: string) => void,
  log: Logger = console,
): (request: NotificationRequest) => Promise<boolean> {
  // Held until clicked or closed: a notification object that is garbage-collected loses its click
  // handler on some platforms.
  const live = new Set<NotificationLike>();
  return async (request) => {
    if (!Notification.isSupported()) return false;
    try {
      const notification = new Notification({ title: request.title, body: request.body });
      live.add(notification);
      notification.on('click', () => {
        live.delete(notification);
        onClick(request.threadId);
      });
      notification.on('close', () => live.delete(notification));
      notification.show();
      return true;
    } catch (error) {
      log.warn('A notification could not be shown', error);
      return false;
    }
  };
}
