// The lab gateway's own face, per router model: the SSDP answer and UPnP device description, the
// admin page (title, Server header) and the read-only status URLs real firmwares answer without a
// login. Strings marked "public" come from the sources in shared/docs/routers.md; the others are
// plausible stand-ins where no source gives the exact text.
// Usage: node --import tsx router-sim.ts --variant fritzbox --host 192.168.77.1 --upstream-file F
// (F holds the router's current upstream DNS address; the lab rewrites it when it changes.)
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';

import { assertInLabNamespace, assertLabTarget } from '../guard';

const { values } = parseArgs({
  options: {
    variant: { type: 'string' },
    host: { type: 'string' },
    'upstream-file': { type: 'string', default: '' },
  },
});
const host = values.host ?? '';
assertLabTarget(host);
// The SSDP group is multicast: prove we are inside a lab namespace before joining it.
assertInLabNamespace();

type Variant = {
  readonly title: string;
  readonly server: string;
  /** Extra read-only pages: path (with query) → JSON or HTML body. */
  readonly pages: Readonly<Record<string, string>>;
  readonly upnp: {
    readonly port: number;
    readonly path: string;
    readonly manufacturer: string;
    readonly modelName: string;
    readonly friendlyName: string;
    readonly server: string;
    /** AVM's IGD answers X_AVM_DE_GetDNSServer with the router's upstream DNS. */
    readonly avmDns: boolean;
  };
};

const VARIANTS: Readonly<Record<string, Variant>> = {
  // public: title "FRITZ!Box" (nmap), IGD at :49000, "AVM Berlin", X_AVM_DE_GetDNSServer.
  fritzbox: {
    title: 'FRITZ!Box',
    server: '',
    pages: {},
    upnp: {
      port: 49000,
      path: '/igddesc.xml',
      manufacturer: 'AVM Berlin',
      modelName: 'FRITZ!Box 7590',
      friendlyName: 'FRITZ!Box 7590',
      server: 'FRITZ!Box 7590 UPnP/1.0 AVM FRITZ!Box 7590 154.07.57',
      avmDns: true,
    },
  },
  // public: LuCI title, uhttpd; miniupnpd's rootDesc.xml (stand-in strings).
  openwrt: {
    title: 'OpenWrt - LuCI',
    server: '',
    pages: {},
    upnp: {
      port: 5000,
      path: '/rootDesc.xml',
      manufacturer: 'OpenWrt',
      modelName: 'OpenWrt router',
      friendlyName: 'OpenWrt router',
      server: 'OpenWrt/23.05 UPnP/1.1 MiniUPnPd/2.3.3',
      avmDns: false,
    },
  },
  // public: Homeware's getSessionStatus (aiovodafone); TIM strings are stand-ins.
  'tim-hub': {
    title: 'TIM HUB',
    server: 'nginx',
    pages: { '/login.lp?getSessionStatus=true': '{"status":"alive"}' },
    upnp: {
      port: 8000,
      path: '/rootDesc.xml',
      manufacturer: 'Technicolor',
      modelName: 'DGA4132',
      friendlyName: 'TIM HUB',
      server: 'Linux/4.1 UPnP/1.0 Technicolor/1.0',
      avmDns: false,
    },
  },
  // public: /api/v1/login_conf with data.ModelName (aiovodafone); other strings are stand-ins.
  'vodafone-station': {
    title: 'Vodafone Station',
    server: 'nginx',
    pages: {
      '/api/v1/login_conf': JSON.stringify({
        error: 'ok',
        data: { ModelName: 'Vodafone Station Revolution', FirmwareVersion: '19.3B70' },
      }),
    },
    upnp: {
      port: 8000,
      path: '/rootDesc.xml',
      manufacturer: 'Technicolor',
      modelName: 'TG789vac',
      friendlyName: 'Vodafone Station',
      server: 'Linux/4.1 UPnP/1.0 Technicolor/1.0',
      avmDns: false,
    },
  },
};

const variant = VARIANTS[values.variant ?? ''];
if (variant === undefined) {
  throw new Error(`router-sim: unknown variant ${values.variant ?? ''}`);
}
const upstream = (): string => readFileSync(values['upstream-file'], 'utf8').trim();

const description = `<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0"><specVersion><major>1</major><minor>0</minor></specVersion>
<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>
<friendlyName>${variant.upnp.friendlyName}</friendlyName><manufacturer>${variant.upnp.manufacturer}</manufacturer>
<modelName>${variant.upnp.modelName}</modelName><UDN>uuid:lab-router</UDN>
<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>
<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>
<serviceList><service><serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType>
<serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId><controlURL>/igdupnp/control/WANIPConn1</controlURL>
<SCPDURL>/igdconnSCPD.xml</SCPDURL></service></serviceList></device></deviceList></device></deviceList>
</device></root>`;

const admin = http.createServer((request, response) => {
  const page = variant.pages[request.url ?? '/'];
  const headers: Record<string, string> = variant.server ? { server: variant.server } : {};
  if (page !== undefined) {
    response.writeHead(200, { ...headers, 'content-type': 'application/json' });
    response.end(page);
    return;
  }
  if (request.url === '/') {
    response.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html><head><title>${variant.title}</title></head><body></body></html>`,
    );
    return;
  }
  response.writeHead(404, headers);
  response.end();
});

const upnp = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === variant.upnp.path) {
    response.writeHead(200, { 'content-type': 'text/xml' });
    response.end(description);
    return;
  }
  const action = String(request.headers['soapaction'] ?? '');
  if (
    variant.upnp.avmDns &&
    request.method === 'POST' &&
    request.url === '/igdupnp/control/WANIPConn1' &&
    action.includes('#X_AVM_DE_GetDNSServer')
  ) {
    response.writeHead(200, { 'content-type': 'text/xml' });
    response.end(
      '<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
        '<u:X_AVM_DE_GetDNSServerResponse xmlns:u="urn:schemas-upnp-org:service:WANIPConnection:1">' +
        `<NewIPv4DNSServer1>${upstream()}</NewIPv4DNSServer1><NewIPv4DNSServer2>0.0.0.0</NewIPv4DNSServer2>` +
        '</u:X_AVM_DE_GetDNSServerResponse></s:Body></s:Envelope>',
    );
    return;
  }
  response.writeHead(500);
  response.end();
});

const ssdp = dgram.createSocket({ type: 'udp4', reuseAddr: true });
ssdp.on('message', (message, remote) => {
  const text = message.toString('latin1');
  if (!text.startsWith('M-SEARCH') || !/ssdp:discover/i.test(text)) {
    return;
  }
  assertLabTarget(remote.address);
  const reply = [
    'HTTP/1.1 200 OK',
    'CACHE-CONTROL: max-age=1800',
    'EXT:',
    `LOCATION: http://${host}:${variant.upnp.port}${variant.upnp.path}`,
    `SERVER: ${variant.upnp.server}`,
    'ST: upnp:rootdevice',
    'USN: uuid:lab-router::upnp:rootdevice',
    '',
    '',
  ].join('\r\n');
  ssdp.send(reply, remote.port, remote.address);
});

await Promise.all([
  new Promise<void>((resolve) => admin.listen(80, host, resolve)),
  new Promise<void>((resolve) => upnp.listen(variant.upnp.port, host, resolve)),
  new Promise<void>((resolve) =>
    ssdp.bind(1900, () => {
      ssdp.addMembership('239.255.255.250', host);
      resolve();
    }),
  ),
]);
process.stdout.write(`${JSON.stringify({ ready: true, variant: values.variant, host })}\n`);
const stop = (): void => {
  admin.close();
  upnp.close();
  ssdp.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
