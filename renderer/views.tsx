// The composition root's list of views. A feature that adds a view adds one line here.
import type { ComponentType } from 'react';
import { LibraryBackup } from './features/backup/LibraryBackup';
import { BookmarksView } from './features/bookmarks/BookmarksView';
import { DraftsView } from './features/drafts/DraftsView';
import { showComposer } from './features/drafts/reply-actions';
import { OutboxView } from './features/outbox/OutboxView';
import { goToPost } from './features/reader/go-to-post';
import { SearchView } from './features/search/SearchView';
import { SettingsView } from './features/settings/SettingsView';
import { StorageView } from './features/storage/StorageView';
import { SyncLogView } from './features/sync/SyncLogView';
import { ReaderPanes } from './ReaderPanes';
import type { View } from './state/view-store';

export interface ViewEntry {
  view: View;
  label: string;
  component: ComponentType;
}

export const VIEW_ENTRIES: ViewEntry[] = [
  { view: 'reader', label: 'Reader', component: ReaderPanes },
  { view: 'search', label: 'Search', component: () => <SearchView openPost={goToPost} /> },
  { view: 'bookmarks', label: 'Bookmarks', component: () => <BookmarksView openPost={goToPost} /> },
  { view: 'drafts', label: 'Drafts', component: () => <DraftsView wiring={{ openPost: goToPost }} /> },
  { view: 'outbox', label: 'Outbox', component: () => <OutboxView wiring={{ openPost: goToPost, openDraft: showComposer }} /> },
  {
    view: 'storage',
    label: 'Storage',
    component: () => (
      <StorageView>
        <LibraryBackup />
      </StorageView>
    ),
  },
  { view: 'settings', label: 'Settings', component: SettingsView },
  { view: 'sync-log', label: 'Sync log', component: SyncLogView },
];
