import type { NetworkAclEntry, SecurityGroupRule } from '../../model/ec2';

/** Remote administration ports in CIS AWS Foundations: SSH and RDP. */
export const ADMIN_PORTS: readonly number[] = [22, 3389];

/** `port 22`, or `ports 22 and 3389`. */
export function portList(ports: readonly number[]): string {
  return ports.length === 1 ? `port ${ports[0]}` : `ports ${ports.join(' and ')}`;
}

/** "Anywhere" for each address family. */
export const INTERNET = { ipv4: '0.0.0.0/0', ipv6: '::/0' } as const;

/** IPv4 or IPv6. */
export type AddressFamily = keyof typeof INTERNET;

/**
 * Admin ports a rule opens, for TCP, UDP or all protocols (CIS counts all three; ICMP and other
 * protocols carry no ports). A rule without ports (all protocols) opens every port.
 */
export function adminPortsOpened(
  protocol: string,
  from: number | null,
  to: number | null,
): number[] {
  return portsOpened(protocol, from, to, ADMIN_PORTS);
}

/** Which of `ports` a rule of this protocol and port range opens (TCP, UDP or all protocols). */
export function portsOpened(
  protocol: string,
  from: number | null,
  to: number | null,
  ports: readonly number[],
): number[] {
  const name = protocol.toLowerCase();
  const carriesPorts = name === 'tcp' || name === 'udp' || name === '6' || name === '17';
  if (name !== '-1' && name !== 'all' && !carriesPorts) return [];
  if (!carriesPorts || from === null || to === null || from === -1) return [...ports];
  return ports.filter((port) => port >= from && port <= to);
}

/** Admin ports a security group rule opens to the whole internet of `family`. */
export function adminPortsOpenToInternet(rule: SecurityGroupRule, family: AddressFamily): number[] {
  const ranges = family === 'ipv4' ? rule.ipv4Ranges : rule.ipv6Ranges;
  if (!ranges.some((cidr) => isInternet(cidr, family))) return [];
  return adminPortsOpened(rule.protocol, rule.fromPort, rule.toPort);
}

/**
 * True when the CIDR covers every address of its family: any address with prefix length 0
 * (`0.0.0.0/0`, `::/0`, `0:0:0:0:0:0:0:0/0`, ...).
 */
export function isInternet(cidr: string | null, family: AddressFamily): boolean {
  const text = cidr?.trim() ?? '';
  if (!text.endsWith('/0')) return false;
  return family === 'ipv4' ? /^\d{1,3}(\.\d{1,3}){3}\/0$/.test(text) : text.includes(':');
}

/** Transport protocols that carry ports, as IANA numbers and names. */
const PORT_PROTOCOLS = [
  { number: '6', name: 'tcp' },
  { number: '17', name: 'udp' },
] as const;

/**
 * Admin ports that inbound traffic from the internet reaches through a network ACL. Entries are
 * evaluated in rule-number order and the first entry that matches the packet decides, so the
 * decision is made per address family, per protocol (TCP, UDP) and per port: a lower deny of
 * UDP 22 does not stop an allow of TCP 22 behind it.
 */
export function adminPortsAllowedByAcl(entries: readonly NetworkAclEntry[]): number[] {
  const inbound = entries
    .filter((entry) => !entry.egress)
    .sort((a, b) => a.ruleNumber - b.ruleNumber);
  const open = new Set<number>();
  for (const family of ['ipv4', 'ipv6'] as const) {
    for (const protocol of PORT_PROTOCOLS) {
      for (const port of ADMIN_PORTS) {
        const decisive = inbound.find((entry) => {
          const cidr = family === 'ipv4' ? entry.cidrBlock : entry.ipv6CidrBlock;
          const name = entry.protocol.toLowerCase();
          const coversProtocol =
            name === '-1' || name === 'all' || name === protocol.number || name === protocol.name;
          const coversPort =
            !entry.portRange || (port >= entry.portRange.from && port <= entry.portRange.to);
          return isInternet(cidr, family) && coversProtocol && coversPort;
        });
        if (decisive?.action === 'allow') open.add(port);
      }
    }
  }
  return [...open].sort((a, b) => a - b);
}
