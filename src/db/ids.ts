import { randomUUID } from 'node:crypto'

export const newId = (): string => randomUUID()

export const nowIso = (): string => new Date().toISOString()

export const toFlag = (value: boolean): number => (value ? 1 : 0)

export const fromFlag = (value: number | boolean): boolean => value === 1 || value === true
