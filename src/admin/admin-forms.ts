import { defaultScale, scaleFromText } from '../assessments/scale'
import { z } from 'zod'
import { agencyKinds } from '../agencies/agency.table'
import { checkbox, choice, email, optionalDay, optionalText, requiredText, uuid } from '../http/forms'
import { sharingScopes, teamKinds, teamRoles } from '../teams/team.table'

export const agencySchema = z.object({
  name: requiredText(120),
  kind: choice(agencyKinds),
  isPublicAuthority: checkbox(),
})

export const inviteUserSchema = z.object({
  name: requiredText(120),
  email: email(),
  agencyId: uuid(),
  isAdmin: checkbox(),
  isAuditor: checkbox(),
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

export const areaSchema = z.object({ name: requiredText(120), retired: checkbox() })

export const categorySchema = z.object({
  name: requiredText(120),
  isSensitive: checkbox(),
  defaultScope: choice(sharingScopes),
  retired: checkbox(),
})
