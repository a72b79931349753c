/**
 * A generated, valid-format coordination number (samordningsnummer: day + 60)
 * with the Luhn check digit: it belongs to no one. `nine` is the first nine digits.
 */
export function generatedCoordinationNumber(nine = '050161123'): string {
  let sum = 0
  for (const [i, char] of [...nine].entries()) {
    let d = Number(char) * (i % 2 === 0 ? 2 : 1)
    if (d > 9) d -= 9
    sum += d
  }
  return `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`
}
