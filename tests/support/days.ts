import { addDaysToDay, todayInStockholm } from '../../src/i18n/format'

/**
 * A day counted from today as Läget counts it — in Stockholm. (From the UTC
 * date a test would be a day off between midnight in Stockholm and in UTC.)
 */
export const inDays = (days: number): string => addDaysToDay(todayInStockholm(), days)
