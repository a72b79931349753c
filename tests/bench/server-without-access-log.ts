// The server as `npm start` runs it, but writing no read-access log: the benchmark's baseline for
// what logging costs. Not reachable by configuration; only this file, built by the benchmark, does it.
import { AccessLog, type ReadLogger } from '../../src/audit/access-log'
import { loadConfigOrExit } from '../../src/config'
import { startServer } from '../../src/start'

class NoAccessLog extends AccessLog {
  override loggerFor(): ReadLogger {
    return () => {}
  }
}

await startServer(loadConfigOrExit(), { accessLog: (db, logger) => new NoAccessLog(db, logger) })
