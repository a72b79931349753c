import { BlockList, isIP } from 'node:net'

/**
 * Which proxies in front of Läget to believe about the client's address:
 * none (the connection's own address), the nearest `hops` proxies, or the
 * proxies at the given addresses and ranges.
 */
export type TrustProxy = { hops: number } | { ranges: string[] }

/** Parses TRUST_PROXY: false/true/0/1, a number of proxies, or addresses and CIDR ranges separated by commas. */
export function parseTrustProxy(value: string): TrustProxy | null {
  const text = value.trim().toLowerCase()
  if (text === 'false') return { hops: 0 }
  if (text === 'true') return { hops: 1 }
  if (/^\d+$/.test(text)) return Number(text) <= 10 ? { hops: Number(text) } : null
  const ranges = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  return ranges.length > 0 && ranges.every(isAddressOrRange) ? { ranges } : null
}

function isAddressOrRange(value: string): boolean {
  const [address, bits, ...rest] = value.split('/')
  if (rest.length || !address || !isIP(address)) return false
  if (bits === undefined) return true
  const max = isIP(address) === 4 ? 32 : 128
  return /^\d+$/.test(bits) && Number(bits) <= max
}

const plain = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1')

/**
 * The client's address: the right-most address in the chain (X-Forwarded-For
 * entries, then the connection's own address) that is not a trusted proxy.
 * Entries to the left of it were written by the client and prove nothing.
 */
export function clientAddressFrom(
  socketAddress: string,
  forwardedFor: string | undefined,
  trust: TrustProxy,
): string {
  const chain = [...(forwardedFor ?? '').split(','), socketAddress]
    .map((part) => plain(part.trim()))
    .filter(Boolean)
  if ('hops' in trust) return chain[Math.max(0, chain.length - 1 - trust.hops)]!
  const trusted = blockListOf(trust.ranges)
  for (let index = chain.length - 1; index >= 0; index--) {
    const address = chain[index]!
    const family = isIP(address)
    if (family === 0 || !trusted.check(address, family === 4 ? 'ipv4' : 'ipv6')) return address
  }
  return chain[0]!
}

const blockLists = new Map<string, BlockList>()
function blockListOf(ranges: string[]): BlockList {
  const key = ranges.join(',')
  let list = blockLists.get(key)
  if (!list) {
    list = new BlockList()
    for (const range of ranges) {
      const [address, bits] = range.split('/') as [string, string | undefined]
      const type = isIP(address) === 4 ? 'ipv4' : 'ipv6'
      if (bits === undefined) list.addAddress(address, type)
      else list.addSubnet(address, Number(bits), type)
    }
    blockLists.set(key, list)
  }
  return list
}
