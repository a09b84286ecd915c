/**
 * True when a string has no lone surrogate, so UTF-8 can carry it exactly (String.prototype.isWellFormed, typed here
 * because the project's lib is ES2023; Node 20 has it).
 */
export function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}
