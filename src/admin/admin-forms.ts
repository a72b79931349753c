import { defaultScale, scaleFromText } from '../assessments/scale'
import { z } from 'zod'
import { agencyKinds, isPrivateKind, type AgencyKind } from '../agencies/agency.table'
import {
  checkbox,
  choice,
  email,
  optionalDay,
  optionalText,
  requiredText,
  uuid,
} from '../http/forms'
import { sharingScopes, teamKinds, teamRoles } from '../teams/team.table'

/**
 * A private kind (housing company, security firm, civil society) saved as a
 * public authority would lose the private-recipient protection, so it takes an
 * explicit confirmation in a field of its own.
 */
export function confirmPrivateAuthority<T extends Record<string, unknown>>(
  schema: z.ZodType<T>,
  fields: { kind: keyof T & string; isPublic: keyof T & string; confirm: keyof T & string },
) {
  return schema.refine(
    (value) =>
      !(
        value[fields.isPublic] &&
        isPrivateKind(value[fields.kind] as AgencyKind) &&
        !value[fields.confirm]
      ),
    {
      message: 'agency.error.privateAsAuthority',
      path: [fields.isPublic],
    },
  )
}

/** An agency's name is public: the organisation, never a person. */
export const agencyName = {
  notCheckedBecause: 'an agency’s name is the organisation’s, and public',
}

/** The name of a person who uses Läget: kept by design, so they can sign in and answer for what they do. */
export const staffName = {
  notCheckedBecause:
    'the name of a person who uses Läget, kept so they can sign in and be accountable',
}

export const agencySchema = confirmPrivateAuthority(
  z.object({
    name: requiredText(120, agencyName),
    kind: choice(agencyKinds),
    isPublicAuthority: checkbox(),
    confirmPublicAuthority: checkbox(),
    ssoRequired: checkbox(),
  }),
  { kind: 'kind', isPublic: 'isPublicAuthority', confirm: 'confirmPublicAuthority' },
)

export const inviteUserSchema = z.object({
  name: requiredText(120, staffName),
  email: email(),
  agencyId: uuid(),
  isAdmin: checkbox(),
  isAuditor: checkbox(),
  isLogReviewer: checkbox(),
  isAgencyContact: checkbox(),
  isMunicipalCoordinator: checkbox(),
  isSteeringGroup: checkbox(),
})

export const updateUserSchema = inviteUserSchema.omit({ email: true })

export const teamSchema = z.object({
  name: requiredText(120),
  kind: choice(teamKinds),
  description: optionalText(1000),
  assessmentScale: z
    .string()
    .optional()
    .transform((text) => (text?.trim() ? scaleFromText(text) : [...defaultScale]))
    .refine((scale) => scale !== null, 'team.error.scale')
    .transform((scale) => scale!),
})

export const membershipSchema = z.object({
  role: choice(teamRoles),
  endsOn: optionalDay(),
})

export const newMembershipSchema = membershipSchema.extend({ userId: uuid() })

export const areaSchema = z.object({
  name: requiredText(120, {
    notCheckedBecause:
      'an area is a place the team works in; its name may be a person’s (a square named after someone), and the check lets it pass in every text of the team',
  }),
  retired: checkbox(),
})

export const categorySchema = z.object({
  name: requiredText(120),
  isSensitive: checkbox(),
  defaultScope: choice(sharingScopes),
  retired: checkbox(),
})
