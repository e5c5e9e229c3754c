/** A parsed CIDR block: address family, network address as a number, and prefix length. */
interface Cidr {
  readonly bits: 32 | 128;
  readonly address: bigint;
  readonly prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255))
    return undefined;
  return parts.reduce((value, part) => (value << 8n) | BigInt(part), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined) => (half ? half.split(':') : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  return all.reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
}

/** Parses `10.0.0.0/16` or `2600:1f18::/56`; undefined for anything else. */
export function parseCidr(text: string): Cidr | undefined {
  const [host = '', length = ''] = text.trim().split('/');
  if (!/^\d{1,3}$/.test(length)) return undefined;
  const prefix = Number(length);
  const v4 = host.includes(':') ? undefined : parseIpv4(host);
  if (v4 !== undefined) return prefix <= 32 ? { bits: 32, address: v4, prefix } : undefined;
  const v6 = parseIpv6(host);
  return v6 !== undefined && prefix <= 128 ? { bits: 128, address: v6, prefix } : undefined;
}

/** True when every address of `inner` lies in `outer` (same family, equal or longer prefix). */
export function cidrWithin(inner: string, outer: string): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  if (!a || !b || a.bits !== b.bits || a.prefix < b.prefix) return false;
  const shift = BigInt(b.bits - b.prefix);
  return a.address >> shift === b.address >> shift;
}
