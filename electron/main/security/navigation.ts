import type { WebContents } from 'electron';

import { openExternalIfAllowed } from './external-links';

/**
 * Keeps every web contents on the app's own page: in-app navigation elsewhere, new windows and
 * webviews are refused. Allowed help links (https, allow-listed hosts) open in the system browser.
 */
export function guardWebContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url)) {
      return;
    }
    event.preventDefault();
    openExternalIfAllowed(url);
  };
  contents.on('will-navigate', refuseNavigation);
  contents.on('will-redirect', refuseNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}
