// The composition root's list of views. A feature that adds a view adds one line here.
import type { ComponentType } from 'react';
import { ReaderPanes } from './ReaderPanes';
import type { View } from './state/view-store';

export interface ViewEntry {
  view: View;
  label: string;
  component: ComponentType;
}

export const VIEW_ENTRIES: ViewEntry[] = [{ view: 'reader', label: 'Reader', component: ReaderPanes }];
