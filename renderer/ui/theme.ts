// Applies the chosen theme and text size to the whole document. 'system' leaves the choice to the
// operating system through prefers-color-scheme (see app.css); the others pin it.
import { useEffect } from 'react';
import { useReaderSettings, type TextSize, type Theme } from '../db/settings';

export function applyAppearance(root: HTMLElement, theme: Theme, textSize: TextSize): void {
  if (theme === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = theme;
  root.style.setProperty('--font-size', `${textSize}px`);
}

/** Keeps the document's appearance in step with the stored settings. */
export function useAppearance(): void {
  const { theme, textSize } = useReaderSettings();
  useEffect(() => applyAppearance(document.documentElement, theme, textSize), [theme, textSize]);
}
