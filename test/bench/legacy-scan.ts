// Runs inside the lab's pc namespace (started by discovery.ts): Odoo's legacy browser scan, as
// the IoT app's iot_scan.js did it (enterprise `iot/static/src/js/iot_scan.js`): the 256
// addresses .0–.255 of the range, six chains at a time, each `GET http://<ip>:8069/hw_proxy/hello`
// with a 400 ms timeout, the next address as soon as one settles. Prints one JSON line with the
// scan's own duration (the browser was already open: no start-up is counted) and what answered.
import { createNodeHttp } from '../../electron/core/adapters/node-http';
import { assertInLabNamespace } from '../lab/netns/guard';

assertInLabNamespace();
const [subnet = '192.168.77.0/24'] = process.argv.slice(2);
const prefix = subnet.split('/')[0]?.split('.').slice(0, 3).join('.') ?? '';
const CHAINS = 6;
const TIMEOUT_MS = 400;

const http = createNodeHttp();
const signal = new AbortController().signal;
const urls = Array.from({ length: 256 }, (_, host) => `http://${prefix}.${host}:8069`);
const answered: string[] = [];

const chain = async (): Promise<void> => {
  for (let url = urls.shift(); url !== undefined; url = urls.shift()) {
    const reply = await http.request(
      { method: 'GET', url: `${url}/hw_proxy/hello`, timeoutMs: TIMEOUT_MS },
      signal,
    );
    // jQuery's ajax succeeds on any 2xx: the scan took every web server for a box.
    if (reply.ok && reply.value.status >= 200 && reply.value.status < 300) {
      answered.push(new URL(url).hostname);
    }
  }
};

const started = performance.now();
await Promise.all(Array.from({ length: CHAINS }, chain));
const scanMs = Math.round(performance.now() - started);
process.stdout.write(`${JSON.stringify({ scanMs, answered: answered.sort() })}\n`);
