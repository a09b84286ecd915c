// Known, justified differences between a documentation example and the SDK's rendering of it, applied to the
// normalised example before it is compared: `docs` (a piece of the example) is read as `sdk`. Each says why the two
// mean the same to the engine. An equivalence whose `docs` text no longer occurs fails the corpus test.

export interface Equivalence {
  readonly docs: string;
  readonly sdk: string;
  readonly reason: string;
}

export const EQUIVALENCES: Readonly<Record<string, readonly Equivalence[]>> = {};
