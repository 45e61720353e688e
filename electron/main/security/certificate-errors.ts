import type { App } from 'electron';

/**
 * A certificate error in the renderer is never overridden. (Boxes' certificates are inspected in
 * the core, per connection; the renderer itself loads only local files.)
 */
export function refuseCertificateErrors(app: App): void {
  app.on('certificate-error', (_event, _contents, _url, _error, _certificate, callback) => {
    callback(false);
  });
}
