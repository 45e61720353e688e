/**
 * Whether a URL is the app's own page: the bundled `index.html` in production, or the
 * electron-vite dev server's origin in development. Query and fragment are ignored.
 */
export function createAppUrlCheck(entry: string): (url: string) => boolean {
  const expected = new URL(entry);
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (expected.protocol === 'file:') {
      return url.protocol === 'file:' && url.pathname === expected.pathname;
    }
    return url.origin === expected.origin;
  };
}
