import { describe, expect, it } from 'vitest';
import { checkAllowedHost, checkHost, hostName, hostPolicy, parseAllowedHosts } from '../../../server/http/host-check';

const HINT = 'start hotconf serve with --allowed-hosts NAME';
const loopback = hostPolicy({ listen: '127.0.0.1', hint: HINT });

describe('checkHost', () => {
  it.each(['localhost', 'localhost:9180', 'LOCALHOST:80', 'localhost.', '127.0.0.1', '127.0.0.1:9180', '[::1]', '[::1]:9180'])('accepts the loopback name %s, with or without a port', (host) => {
    expect(checkHost(host, loopback)).toBeNull();
  });

  it('accepts any IP address: a browser sends one only for a page whose origin is that address', () => {
    expect(checkHost('10.1.2.3:8080', loopback)).toBeNull();
    expect(checkHost('[fd00::1]:8080', loopback)).toBeNull();
  });

  it.each(['evil.example', 'evil.example:9180', 'localhost.evil.example', '127.0.0.1.nip.io', 'foo.localhost'])('refuses the foreign name %s with a 421 that says how to allow it', (host) => {
    const refusal = checkHost(host, loopback);
    expect(refusal).toMatchObject({ status: 421, code: 'misdirected_request' });
    expect(refusal!.message).toContain(`not to the Host "${host.replace(/:\d+$/, '')}"`);
    expect(refusal!.message).toContain('localhost');
    expect(refusal!.message).toMatch(/To allow that name: start hotconf serve with --allowed-hosts NAME$/);
  });

  it.each(['', 'evil.example:port', 'a b', '::1', '[::1', 'user@localhost', 'localhost:99999999'])('refuses the malformed Host %j', (host) => {
    expect(checkHost(host, loopback)?.status).toBe(421);
  });

  it('never repeats control characters or long input from the header', () => {
    const refusal = checkHost(`evil\u001b[31m${'x'.repeat(500)}`, loopback);
    expect(refusal!.message).not.toMatch(/[\u0000-\u001f]/);
    expect(refusal!.message.length).toBeLessThan(400);
  });

  it('accepts a request without a Host header (HTTP/1.0: no browser sends one)', () => {
    expect(checkHost(undefined, loopback)).toBeNull();
  });

  it('accepts names the operator listed and the listen address when it is a name', () => {
    const policy = hostPolicy({ listen: 'hotconf.internal', allowed: ['Console.Example.com', 'ops'], hint: HINT });
    for (const host of ['hotconf.internal:9180', 'console.example.com', 'ops:80', 'localhost']) expect(checkHost(host, policy)).toBeNull();
    expect(checkHost('other.example.com', policy)?.status).toBe(421);
  });

  it('adds no name for a wildcard listen address: the machine names must be listed', () => {
    for (const listen of ['0.0.0.0', '::']) {
      const policy = hostPolicy({ listen, hint: HINT });
      expect([...policy.names]).toEqual(['localhost']);
      expect(checkHost('my-laptop', policy)?.status).toBe(421);
      expect(checkHost('192.168.1.20:9180', policy)).toBeNull();
    }
    expect(checkHost('my-laptop', hostPolicy({ listen: '0.0.0.0', allowed: ['my-laptop'], hint: HINT }))).toBeNull();
  });

  it('accepts every name when * is listed', () => {
    expect(checkHost('anything.example', hostPolicy({ listen: '127.0.0.1', allowed: ['*'], hint: HINT }))).toBeNull();
  });
});

describe('allowed-hosts lists', () => {
  it('splits a comma-separated flag', () => {
    expect(parseAllowedHosts(' a.example , b,,')).toEqual(['a.example', 'b']);
    expect(parseAllowedHosts(undefined)).toEqual([]);
  });

  it.each(['http://a.example', 'a.example:8080', 'a b', '', 'a/b'])('refuses the entry %j with a message saying what to write', (entry) => {
    expect(() => checkAllowedHost(entry)).toThrow(/is not a host name: list names like hotconf.example.com or IP addresses, without scheme or port/);
  });

  it('takes names and IP addresses, normalized', () => {
    expect(checkAllowedHost('Hotconf.Example.COM.')).toBe('hotconf.example.com');
    expect(checkAllowedHost('10.0.0.1')).toBe('10.0.0.1');
    expect(checkAllowedHost('[::1]')).toBe('[::1]');
  });
});

describe('hostName', () => {
  it('reads the name of name, name:port, [v6] and [v6]:port', () => {
    expect([hostName('A.example:81'), hostName('[::1]:9180'), hostName('[::1]'), hostName('a.example')]).toEqual(['a.example', '[::1]', '[::1]', 'a.example']);
  });
});
