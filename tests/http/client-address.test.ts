import { describe, expect, it } from 'vitest'
import { clientAddressFrom, parseTrustProxy } from '../../src/http/client-address'
import { loadConfig } from '../../src/config'

describe('the client address behind proxies', () => {
  it('believes nothing forwarded by default', () => {
    expect(clientAddressFrom('192.0.2.1', '203.0.113.5', { hops: 0 })).toBe('192.0.2.1')
  })

  it('takes the entry the trusted proxies wrote, counting hops from the right', () => {
    expect(clientAddressFrom('10.0.0.2', 'spoofed, 203.0.113.5', { hops: 1 })).toBe('203.0.113.5')
    expect(clientAddressFrom('10.0.0.2', 'spoofed, 203.0.113.5, 10.0.0.1', { hops: 2 })).toBe(
      '203.0.113.5',
    )
    expect(clientAddressFrom('::ffff:10.0.0.2', undefined, { hops: 1 })).toBe('10.0.0.2')
    // fewer entries than hops: the left-most there is
    expect(clientAddressFrom('10.0.0.2', '203.0.113.5', { hops: 3 })).toBe('203.0.113.5')
  })

  it('skips trusted proxy addresses and ranges from the right, and ignores forwarding from an untrusted peer', () => {
    const trust = { ranges: ['10.0.0.0/8', '2001:db8::1'] }
    expect(clientAddressFrom('10.0.0.2', '198.51.100.9, 203.0.113.5, 10.1.2.3', trust)).toBe(
      '203.0.113.5',
    )
    expect(clientAddressFrom('2001:db8::1', '203.0.113.5', trust)).toBe('203.0.113.5')
    expect(clientAddressFrom('192.0.2.1', '203.0.113.5', trust)).toBe('192.0.2.1')
    expect(clientAddressFrom('10.0.0.2', 'not-an-address, 10.0.0.3', trust)).toBe('not-an-address')
  })

  it('reads TRUST_PROXY as false/true, a number of proxies, or addresses and ranges; anything else stops start-up', () => {
    expect(parseTrustProxy('false')).toEqual({ hops: 0 })
    expect(parseTrustProxy('true')).toEqual({ hops: 1 })
    expect(parseTrustProxy('2')).toEqual({ hops: 2 })
    expect(parseTrustProxy('10.0.0.0/8, 192.0.2.7')).toEqual({
      ranges: ['10.0.0.0/8', '192.0.2.7'],
    })
    for (const bad of ['yes', '10.0.0.0/33', 'proxy.example', '99'])
      expect(parseTrustProxy(bad), bad).toBeNull()
    expect(() => loadConfig({ TRUST_PROXY: 'ja' })).toThrow(/TRUST_PROXY="ja"/)
    expect(loadConfig({}).trustProxy).toEqual({ hops: 0 })
  })
})
