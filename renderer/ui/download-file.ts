// Saves bytes as a file the way a web page does: a Blob behind an <a download>. Chromium saves it
// to the downloads folder; Electron asks where to save it. Neither needs a call to main.

export function downloadBlob(fileName: string, blob: Blob, page: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = page.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  page.body.append(link);
  link.click();
  link.remove();
  // The download reads the Blob after this task ends; a minute is far longer than it needs.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
