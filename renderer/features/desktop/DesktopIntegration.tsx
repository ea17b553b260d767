// What the desktop host sends the page: application-menu commands and threads to open (links,
// notification clicks); and the reader reopening at the thread shown last. Under the web host no
// menu commands or links arrive.
import { useEffect, useState } from 'react';
import type { OpenThreadRequest } from '../../../shared/desktop';
import { useBackends } from '../../db/db-context';
import { useView } from '../../state/view-store';
import { runMenuCommand, type ReaderKeyCommand } from './menu-commands';
import { notStoredMessage, openRequestedThread, type GoToPost } from './open-requested-thread';
import { rememberPlace, restorePlace } from './remembered-place';

export interface DesktopIntegrationProps {
  goToPost: GoToPost;
  runReaderCommand(command: ReaderKeyCommand): boolean;
  syncNow(): void;
}

export function DesktopIntegration({ goToPost, runReaderCommand, syncNow }: DesktopIntegrationProps) {
  const { db, api } = useBackends();
  const [missing, setMissing] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const open = (request: OpenThreadRequest) => {
      setMissing(null);
      void openRequestedThread(db, request, goToPost).then((shown) => {
        if (live && !shown) setMissing(notStoredMessage(request));
      });
    };
    const offMenu = api.on('menuCommand', ({ command }) =>
      runMenuCommand(command, {
        runReaderCommand,
        showView: (view) => useView.getState().show(view),
        currentView: () => useView.getState().view,
        syncNow,
        focusButton,
        afterRender,
      }),
    );
    const offOpen = api.on('openThread', open);
    // The last place first, so that a link that started the app wins over it; the link waited
    // in main for the page to subscribe (just above) and ask.
    let forget = () => {};
    void restorePlace(db)
      .catch(() => false)
      .then(() => {
        if (!live) return;
        forget = rememberPlace(db);
        return api.takeOpenRequests({}).then((pending) => {
          if (live && pending.ok) pending.value.forEach(open);
        });
      });
    return () => {
      live = false;
      offMenu();
      offOpen();
      forget();
    };
  }, [db, api, goToPost, runReaderCommand, syncNow]);

  if (!missing) return null;
  return (
    <div className="banner desktop-banner" role="alert">
      <span>{missing}</span>{' '}
      <button type="button" onClick={() => setMissing(null)}>
        Dismiss
      </button>
    </div>
  );
}

const afterRender = (action: () => void) => requestAnimationFrame(() => requestAnimationFrame(action));

function focusButton(name: string): void {
  const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);
  button?.focus();
}
