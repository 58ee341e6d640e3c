/**
 * Formula injection (OWASP, "CSV Injection"): a spreadsheet reads a cell that begins with `=`, `+`,
 * `-` or `@` as a formula, and tab or carriage return can hide such a start. Every text cell of
 * every export (CSV and XLSX alike) that begins with one of them is prefixed with an apostrophe, so
 * the spreadsheet shows it as text. The full-width forms are included: Apple Numbers folds them
 * to the ASCII ones. Numbers never pass through here: a real negative number stays a number.
 */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

export function neutralise(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.includes(text[0]) ? `'${text}` : text;
}

/** True when the text would be read as a formula (for tests and checks). */
export function isFormulaLike(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.includes(text[0]);
}
