// npm run admin:reset -- <e-mail>: when no administrator can sign in, prints a one-time
// link (24 hours, usable once) for that administrator to choose a new password.
import { loadConfigOrExit } from '../config'
import { connect } from '../db/connect'
import { migrateToLatest } from '../db/migrator'
import { makeAdminResetLink } from './admin-reset'

const email = process.argv[2]
if (!email) {
  console.error(
    'Usage: npm run admin:reset -- <e-mail of an administrator>\nAnvändning: npm run admin:reset -- <en administratörs e-postadress>',
  )
  process.exit(2)
}

const config = loadConfigOrExit()

const connection = connect(config.database)
try {
  await migrateToLatest(connection.db)
  const link = await makeAdminResetLink(connection.db, email, config.publicOrigin)
  if (!link) {
    console.error(
      `No administrator has the e-mail ${email}.\nIngen administratör har e-postadressen ${email}.`,
    )
    process.exitCode = 1
  } else {
    console.log(
      `A one-time link for ${link.email} to choose a new password (valid until ${link.expiresAt}, usable once; their sessions are ended and their two-step verification is reset, to be set up again at sign-in):\n  ${link.url}\n` +
        `En engångslänk för ${link.email} att välja ett nytt lösenord (gäller till ${link.expiresAt}, en gång; inloggningarna är avslutade och tvåstegsverifieringen återställd, den ställs in igen vid inloggningen):\n  ${link.url}`,
    )
  }
} finally {
  await connection.close()
}
