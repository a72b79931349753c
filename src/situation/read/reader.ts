import type { ReadLogger } from '../../audit/access-log'
import type { Db } from '../../db/connect'
import type { Viewer } from '../../http/app-env'

/**
 * Who reads: the signed-in person, and where their reads are logged (every
 * object revealed is one row of the access log). Their role comes with each team access.
 */
export type Reader = { db: Db; viewer: Viewer; log: ReadLogger }
