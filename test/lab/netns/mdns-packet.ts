// A minimal mDNS/DNS wire codec: just enough to ask "A? iotbox.local" and read the answers, so a
// probe can check host-name publication without depending on any mDNS library's quirks.

export const MDNS_GROUP = '224.0.0.251';
export const MDNS_PORT = 5353;
export const TYPE_A = 1;
const CLASS_IN = 1;

export interface DnsRecord {
  readonly name: string;
  readonly type: number;
  /** Class without the mDNS cache-flush bit. */
  readonly klass: number;
  readonly ttl: number;
  /** Dotted IPv4 for A records; undefined for other types. */
  readonly address: string | undefined;
}

export interface DnsMessage {
  readonly id: number;
  readonly flags: number;
  readonly questions: readonly string[];
  readonly answers: readonly DnsRecord[];
}

export function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.');
  const parts: Buffer[] = [];
  for (const label of labels) {
    const bytes = Buffer.from(label, 'utf8');
    if (bytes.length === 0 || bytes.length > 63) throw new Error(`bad DNS label in ${name}`);
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** A one-question query. `id` is echoed by responders to legacy-unicast (non-5353) queries. */
export function encodeQuery(name: string, type: number, id: number): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id & 0xffff, 0);
  header.writeUInt16BE(1, 4);
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(type, 0);
  tail.writeUInt16BE(CLASS_IN, 2);
  return Buffer.concat([header, encodeName(name), tail]);
}

function need(buffer: Buffer, offset: number, length: number): void {
  if (offset + length > buffer.length) throw new Error('truncated DNS message');
}

/** Reads a possibly compressed name; returns it and the offset just past it in the record. */
function readName(buffer: Buffer, start: number): { name: string; next: number } {
  const labels: string[] = [];
  let offset = start;
  let next: number | undefined;
  // RFC 1035 pointers can loop in a hostile packet; a bound on jumps keeps the probe safe.
  for (let jumps = 0; jumps < 64;) {
    need(buffer, offset, 1);
    const length = buffer.readUInt8(offset);
    if (length === 0) {
      return { name: labels.join('.'), next: next ?? offset + 1 };
    }
    if ((length & 0xc0) === 0xc0) {
      need(buffer, offset, 2);
      next ??= offset + 2;
      offset = buffer.readUInt16BE(offset) & 0x3fff;
      jumps += 1;
      continue;
    }
    need(buffer, offset + 1, length);
    labels.push(buffer.toString('utf8', offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  throw new Error('DNS name compression loop');
}

export function decodeMessage(buffer: Buffer): DnsMessage {
  need(buffer, 0, 12);
  const id = buffer.readUInt16BE(0);
  const flags = buffer.readUInt16BE(2);
  const questionCount = buffer.readUInt16BE(4);
  // Answers, authority and additional records all carry addresses in mDNS responses.
  const recordCount = buffer.readUInt16BE(6) + buffer.readUInt16BE(8) + buffer.readUInt16BE(10);
  let offset = 12;
  const questions: string[] = [];
  for (let index = 0; index < questionCount; index += 1) {
    const { name, next } = readName(buffer, offset);
    questions.push(name);
    offset = next + 4;
  }
  const answers: DnsRecord[] = [];
  for (let index = 0; index < recordCount; index += 1) {
    const { name, next } = readName(buffer, offset);
    need(buffer, next, 10);
    const type = buffer.readUInt16BE(next);
    const klass = buffer.readUInt16BE(next + 2) & 0x7fff;
    const ttl = buffer.readUInt32BE(next + 4);
    const length = buffer.readUInt16BE(next + 8);
    const dataStart = next + 10;
    need(buffer, dataStart, length);
    const address =
      type === TYPE_A && length === 4
        ? [...buffer.subarray(dataStart, dataStart + 4)].join('.')
        : undefined;
    answers.push({ name, type, klass, ttl, address });
    offset = dataStart + length;
  }
  return { id, flags, questions, answers };
}
