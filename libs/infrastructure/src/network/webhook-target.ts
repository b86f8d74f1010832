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

/** Whether a block list holds an IP address (an IPv4-mapped IPv6 address as its IPv4 one). */
function holds(list: BlockList, address: string): boolean | undefined {
  const ip = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
  const family = isIP(ip);
  if (family === 0) return undefined;
  return list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** False for loopback, private, link-local, multicast and reserved addresses (IPv4 and IPv6). */
export function isPublicAddress(address: string): boolean {
  return holds(NOT_PUBLIC, address) === false;
}

export type Resolve = (hostname: string) => Promise<readonly string[]>;

const resolveAll: Resolve = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** A URL's host, without an IPv6 address's brackets; undefined when it is not a URL. */
function hostOf(url: string): { url: URL; host: string } | undefined {
  try {
    const parsed = new URL(url);
    return { url: parsed, host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') };
  } catch {
    return undefined;
  }
}

const isLocalhostName = (host: string) => /^localhost$|\.localhost$/i.test(host);

/** A literal address as itself, a name as what it resolves to now; undefined when it does not resolve. */
async function addressesOf(host: string, resolve: Resolve): Promise<readonly string[] | undefined> {
  if (isIP(host) !== 0) return [host];
  try {
    return await resolve(host);
  } catch {
    return undefined;
  }
}

export interface WebhookPolicy {
  /** WEBHOOK_ALLOW_INSECURE: http and local receivers allowed (development and tests). */
  readonly allowInsecure: boolean;
  /** The server's own ports: a local receiver on one of them would be the server itself. */
  readonly ownPorts: OwnPorts;
}

/**
 * Why a webhook URL may not be called, or undefined when it may. Never this server itself; unless
 * local receivers are allowed, https to public addresses only. Checked at registration and again
 * at delivery: a name may resolve elsewhere by then (DNS rebinding).
 */
export function webhookUrlProblem(
  url: string,
  policy: WebhookPolicy,
  resolve: Resolve = resolveAll,
): Promise<string | undefined> {
  return policy.allowInsecure
    ? selfTargetProblem(url, policy.ownPorts, resolve)
    : webhookTargetProblem(url, resolve);
}

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
  const target = hostOf(url);
  if (!target) return 'must be a URL';
  if (target.url.protocol !== 'https:') return 'must be an https URL';
  if (isLocalhostName(target.host)) return 'must not point at this server';
  if (isIP(target.host) !== 0)
    return isPublicAddress(target.host)
      ? undefined
      : 'must not point at a private or local address';
  const addresses = await addressesOf(target.host, resolve);
  return !addresses || addresses.every(isPublicAddress)
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
  if (holds(THIS_HOST, address)) return true;
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
  const target = hostOf(url);
  if (!target) return 'must be a URL';
  const { port, protocol } = target.url;
  if (!ownPorts.has(port ? Number(port) : protocol === 'https:' ? 443 : 80)) return undefined;
  if (isLocalhostName(target.host)) return 'must not point at this server';
  const addresses = await addressesOf(target.host, resolve);
  return addresses?.some(isThisHost) ? 'must not point at this server' : undefined;
}
