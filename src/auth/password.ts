import { hash, verify } from '@node-rs/argon2'

// argon2id (the library's default algorithm) with OWASP's recommended minimum:
// 19 MiB of memory, 2 passes, 1 lane.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const passwordMinLength = 12
export const passwordMaxLength = 256

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

// Verified against when the account does not exist, so a wrong e-mail address
// takes as long as a wrong password and reveals nothing.
let decoyHash: Promise<string> | null = null

export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (passwordHash === null) {
    decoyHash ??= hashPassword('decoy password that never matches')
    await verify(await decoyHash, password).catch(() => false)
    return false
  }
  return verify(passwordHash, password).catch(() => false)
}
