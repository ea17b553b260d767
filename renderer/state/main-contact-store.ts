// Whether the page can reach the reader's main process. Both transports feed it through the
// bridge: the web host's calls and event stream, Electron's IPC calls. Sync and the sync bar read
// it, so a lost main is shown, not mistaken for a sync still running.
import { create } from 'zustand';

/** 'refused': main is back but no longer accepts this page (the web host restarted with a new token). */
export type MainContact = 'connected' | 'lost' | 'refused';

interface MainContactStore {
  contact: MainContact;
  reported(contact: MainContact): void;
}

export const useMainContact = create<MainContactStore>()((set) => ({
  contact: 'connected',
  reported: (contact) => set((state) => (state.contact === contact ? state : { contact })),
}));

export const reportMainContact = (contact: MainContact): void => useMainContact.getState().reported(contact);

/** What the sync bar says while main cannot be reached (STYLE.md section 9: what happened, what was kept, what to do). */
export const MAIN_CONTACT_WORDS: Record<Exclude<MainContact, 'connected'>, string> = {
  lost: 'Lost contact with the reader’s main process. Your drafts are kept; reconnecting…',
  refused: 'The reader was restarted and no longer accepts this page. Your drafts are kept; open the link that npm start printed.',
};
