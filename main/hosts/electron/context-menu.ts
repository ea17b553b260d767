// Right-click in the reader's window: spelling suggestions and Cut/Copy/Paste/Select All in a text
// field, Copy on selected text. Electron shows no context menu of its own; the page's 'context-menu'
// event carries what is needed (docs/tutorial/spellchecker.md, docs/api/web-contents.md
// Event: 'context-menu').
//
// Spelling dictionaries: on Windows and Linux Chromium's Hunspell dictionary for the system language
// is downloaded once from Google's CDN (docs/tutorial/spellchecker.md, "Does the spellchecker use any
// Google services?"); macOS uses the system's own. The README says so; no typed text is sent.
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

export type ContextMenuFacts = Pick<ContextMenuParams, 'isEditable' | 'misspelledWord' | 'dictionarySuggestions' | 'selectionText'> & {
  editFlags: Pick<ContextMenuParams['editFlags'], 'canCut' | 'canCopy' | 'canPaste' | 'canSelectAll'>;
};

export interface SpellingActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
}

/** The menu for one right-click; empty when there is nothing to offer (plain text, no selection). */
export function contextMenuTemplate(params: ContextMenuFacts, spelling: SpellingActions): MenuItemConstructorOptions[] {
  if (!params.isEditable) return params.selectionText.trim() !== '' ? [{ role: 'copy', label: 'Copy' }] : [];
  const items: MenuItemConstructorOptions[] = [];
  if (params.misspelledWord) {
    for (const suggestion of params.dictionarySuggestions.slice(0, 5)) {
      items.push({ label: suggestion, click: () => spelling.replaceMisspelling(suggestion) });
    }
    if (params.dictionarySuggestions.length === 0) items.push({ label: 'No Guesses Found', enabled: false });
    items.push({ label: 'Add to Dictionary', click: () => spelling.addToDictionary(params.misspelledWord) });
    items.push({ type: 'separator' });
  }
  items.push(
    { role: 'cut', label: 'Cut', enabled: params.editFlags.canCut },
    { role: 'copy', label: 'Copy', enabled: params.editFlags.canCopy },
    { role: 'paste', label: 'Paste', enabled: params.editFlags.canPaste },
    { type: 'separator' },
    { role: 'selectAll', label: 'Select All', enabled: params.editFlags.canSelectAll },
  );
  return items;
}

export interface ContextMenuContents {
  on(event: 'context-menu', listener: (event: unknown, params: ContextMenuFacts) => void): unknown;
  replaceMisspelling(word: string): void;
  readonly session: { addWordToSpellCheckerDictionary(word: string): boolean };
}

export interface PopupMenuFactory {
  buildFromTemplate(template: MenuItemConstructorOptions[]): { popup(options?: object): void };
}

/** Shows the menu above on every right-click in `contents`. */
export function attachContextMenu(contents: ContextMenuContents, Menu: PopupMenuFactory): void {
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, {
      replaceMisspelling: (word) => contents.replaceMisspelling(word),
      addToDictionary: (word) => contents.session.addWordToSpellCheckerDictionary(word),
    });
    if (template.length > 0) Menu.buildFromTemplate(template).popup();
  });
}
