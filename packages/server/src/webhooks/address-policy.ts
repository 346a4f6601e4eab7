/**
 * Which addresses webhook calls may reach (SSRF): an app admin chooses the URLs, so without a policy a
 * tenant could make the server call cloud metadata or internal services. Link-local (cloud metadata
 * at 169.254.169.254) and unspecified addresses are always refused; loopback and private networks
 * only when the operator says `webhooks.privateAddresses: deny` (multi-tenant clouds should).
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

export type PrivateAddresses = 'allow' | 'deny';

const ALWAYS = new BlockList();
ALWAYS.addSubnet('169.254.0.0', 16, 'ipv4');
ALWAYS.addSubnet('0.0.0.0', 8, 'ipv4');
ALWAYS.addSubnet('fe80::', 10, 'ipv6');
ALWAYS.addAddress('::', 'ipv6');

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['100.64.0.0', 10],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

/** Why `ip` may not be called, or null when it may. IPv4-mapped IPv6 counts as its IPv4 address. */
export function addressRefusal(ip: string, policy: PrivateAddresses): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const addr = mapped ?? ip;
  const family = isIPv4(addr) ? 'ipv4' : isIPv6(addr) ? 'ipv6' : null;
  if (!family) return `"${ip}" is not an IP address`;
  if (ALWAYS.check(addr, family)) return `${ip} is link-local or unspecified (refused for webhooks)`;
  if (policy === 'deny' && PRIVATE.check(addr, family))
    return `${ip} is a loopback or private address (webhooks.privateAddresses is deny)`;
  return null;
}
