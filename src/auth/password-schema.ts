import { z } from 'zod'
import { passwordMaxLength, passwordMinLength } from './password'

export const newPasswordFields = {
  password: z
    .string({ error: 'error.required' })
    .min(1, 'error.required')
    .min(passwordMinLength, 'error.passwordTooShort')
    .max(passwordMaxLength, 'error.tooLong'),
  passwordConfirm: z.string({ error: 'error.required' }).min(1, 'error.required'),
}

/** Adds the "passwords must match" check to a schema that has the new-password fields. */
export const passwordsMatch = <T extends { password: string; passwordConfirm: string }>(
  schema: z.ZodType<T>,
) =>
  schema.refine((value) => value.password === value.passwordConfirm, {
    message: 'error.passwordMismatch',
    path: ['passwordConfirm'],
  })
