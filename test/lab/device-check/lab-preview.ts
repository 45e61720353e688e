import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { startPreview } from '../../preview/start-preview';

// The preview (renderer build + real core) inside a lab namespace: the "computer" running the
// assistant. Its checks use that namespace's own network and resolver; the DNS references are
// the lab's public DNS, and it trusts the lab CA like a computer trusts Let's Encrypt.
const { values } = parseArgs({
  options: { 'ca-file': { type: 'string' }, 'reference-dns': { type: 'string' } },
  strict: true,
});
const ca = readFileSync(values['ca-file'] ?? '', 'utf8');
const preview = await startPreview({
  network: 'real',
  certificate: { extraCa: [ca] },
  dns: {
    references: [{ address: values['reference-dns'] ?? '', port: 53 }],
    dohUrl: null,
    extraCa: [ca],
  },
});
process.stdout.write(`${JSON.stringify({ ready: true, url: preview.url })}\n`);
const stop = (): void => {
  void preview.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
