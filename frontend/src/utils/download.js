/**
 * Hands a fetched file (it needed the Bearer token, so no plain link) to the browser:
 * `open` shows it in a new tab (a PDF), else it is saved under `filename`.
 */
export function saveBlob(blob, filename, { open = false } = {}) {
  const url = URL.createObjectURL(blob);
  const opened = open ? window.open(url, '_blank', 'noopener') : null;
  if (!opened) {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
  }
  // Long enough for the new tab or the download to read it.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
