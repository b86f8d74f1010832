import { OwnPorts } from './own-ports';
import { isPublicAddress, selfTargetProblem, webhookTargetProblem } from './webhook-target';

describe('webhook targets', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('refuses %s', (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:1.1.1.1'])(
    'accepts %s',
    (address) => expect(isPublicAddress(address)).toBe(true),
  );

  const resolvesTo =
    (...addresses: string[]) =>
    () =>
      Promise.resolve(addresses);

  it('judges a URL by its scheme, its literal address or every address its name resolves to', async () => {
    expect(await webhookTargetProblem('http://hooks.example.org', resolvesTo('8.8.8.8'))).toBe(
      'must be an https URL',
    );
    expect(await webhookTargetProblem('https://localhost/hook')).toBe(
      'must not point at this server',
    );
    expect(await webhookTargetProblem('https://127.0.0.1:3000/hook')).toMatch(/private or local/);
    expect(await webhookTargetProblem('https://[::1]/hook')).toMatch(/private or local/);
    expect(
      await webhookTargetProblem('https://hooks.example.org', resolvesTo('8.8.8.8', '10.0.0.7')),
    ).toBe('must not resolve to a private or local address');
    expect(
      await webhookTargetProblem('https://hooks.example.org', resolvesTo('8.8.8.8')),
    ).toBeUndefined();
    const unresolvable = () => Promise.reject(new Error('ENOTFOUND'));
    expect(await webhookTargetProblem('https://hooks.example.org', unresolvable)).toBeUndefined();
    expect(await webhookTargetProblem('not a url')).toBe('must be a URL');
  });
});

describe('a webhook leading back to the server itself', () => {
  const ports = new OwnPorts(3000);
  ports.add(41234);

  it.each([
    'http://localhost:3000/hook',
    'http://api.localhost:41234/hook',
    'http://127.0.0.1:3000/hook',
    'http://127.8.9.1:41234/',
    'http://[::1]:3000/hook',
    'http://0.0.0.0:3000/hook',
    'http://[::ffff:127.0.0.1]:3000/hook',
  ])('refuses %s', async (url) =>
    expect(await selfTargetProblem(url, ports)).toBe('must not point at this server'),
  );

  it('refuses a name that resolves to this machine on its port, and takes other local receivers', async () => {
    const loopback = () => Promise.resolve(['127.0.0.1']);
    expect(await selfTargetProblem('http://my-host:3000/hook', ports, loopback)).toBe(
      'must not point at this server',
    );
    expect(await selfTargetProblem('http://my-host:3001/hook', ports, loopback)).toBeUndefined();
    expect(await selfTargetProblem('http://127.0.0.1:3001/hook', ports)).toBeUndefined();
    expect(await selfTargetProblem('http://localhost/hook', ports)).toBeUndefined();
    // Port 80 by default: this server's only when it listens there.
    expect(await selfTargetProblem('http://localhost/hook', new OwnPorts(80))).toBe(
      'must not point at this server',
    );
    expect(await selfTargetProblem('http://192.0.2.7:3000/hook', ports, loopback)).toBeUndefined();
    expect(await selfTargetProblem('not a url', ports)).toBe('must be a URL');
  });
});
