/**
 * True when a string has no lone surrogate, so UTF-8 can carry it exactly (String.prototype.isWellFormed, typed here
 * because the project's lib is ES2023; Node 20 has it).
 */
export function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/**
 * The names of a list that another name of it equals but for case (`b` and `B`), or undefined when there are none:
 * the engine matches a bare name against a staged file's columns in any case, so such names must be quoted to read
 * their own columns.
 */
export function namesDifferingOnlyInCase(names: readonly string[]): ReadonlySet<string> | undefined {
  const byFolded = new Map<string, string>();
  let twins: Set<string> | undefined;
  for (const name of names) {
    const folded = name.toLowerCase();
    const other = byFolded.get(folded);
    if (other === undefined) byFolded.set(folded, name);
    else if (other !== name) (twins ??= new Set()).add(other).add(name);
  }
  return twins;
}
