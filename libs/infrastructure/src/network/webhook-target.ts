import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { OwnPorts } from './own-ports';

const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** False for loopback, private, link-local, multicast and reserved addresses (IPv4 and IPv6). */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]!);
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type Resolve = (hostname: string) => Promise<readonly string[]>;

function urlOf(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

const resolveAll: Resolve = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Why a webhook URL may not be called, or undefined when it may: it must be https and lead to public
 * addresses only, so the server cannot be turned against itself or the network it sits in. A name
 * that does not resolve now is let through; delivery checks again, which also defeats a name that
 * later resolves somewhere private (DNS rebinding).
 */
export async function webhookTargetProblem(
  url: string,
  resolve: Resolve = resolveAll,
): Promise<string | undefined> {
  const parsed = urlOf(url);
  if (!parsed) return 'must be a URL';
  if (parsed.protocol !== 'https:') return 'must be an https URL';
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (/^localhost$|\.localhost$/i.test(host)) return 'must not point at this server';
  if (isIP(host) !== 0)
    return isPublicAddress(host) ? undefined : 'must not point at a private or local address';
  let addresses: readonly string[];
  try {
    addresses = await resolve(host);
  } catch {
    return undefined;
  }
  return addresses.every(isPublicAddress)
    ? undefined
    : 'must not resolve to a private or local address';
}

const THIS_HOST = new BlockList();
THIS_HOST.addSubnet('127.0.0.0', 8, 'ipv4');
THIS_HOST.addSubnet('0.0.0.0', 8, 'ipv4');
THIS_HOST.addAddress('::1', 'ipv6');
THIS_HOST.addAddress('::', 'ipv6');

/** Loopback, unspecified, or one of this machine's own interface addresses. */
function isThisHost(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isThisHost(mapped[1]!);
  const family = isIP(address);
  if (family === 0) return false;
  if (THIS_HOST.check(address, family === 4 ? 'ipv4' : 'ipv6')) return true;
  const own = Object.values(networkInterfaces()).flatMap((entries) => entries ?? []);
  return own.some((entry) => entry.address.toLowerCase() === address.toLowerCase());
}

/**
 * Why a webhook URL would have the server call itself, or undefined when it would not: what is
 * left to check when local receivers are allowed (WEBHOOK_ALLOW_INSECURE=true). A URL leading to
 * this machine on one of the server's own ports is refused; a name that does not resolve now is
 * let through (delivery checks again).
 */
export async function selfTargetProblem(
  url: string,
  ownPorts: OwnPorts,
  resolve: Resolve = resolveAll,
): Promise<string | undefined> {
  const parsed = urlOf(url);
  if (!parsed) return 'must be a URL';
  const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  if (!ownPorts.has(port)) return undefined;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (/^localhost$|\.localhost$/i.test(host)) return 'must not point at this server';
  let addresses: readonly string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      return undefined;
    }
  }
  return addresses.some(isThisHost) ? 'must not point at this server' : undefined;
}
