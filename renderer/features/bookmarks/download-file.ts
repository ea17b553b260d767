// Saves text as a file the way a web page does: a Blob behind an <a download>. Chromium saves it
// to the downloads folder; Electron asks where to save it. Neither needs a call to main.

export function downloadFile(fileName: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download reads the Blob after this task ends; a minute is far longer than it needs.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "forum-reader-bookmarks-2025-05-01.md" */
export const exportFileName = (extension: string, at = new Date()): string =>
  `forum-reader-bookmarks-${at.toISOString().slice(0, 10)}.${extension}`;
