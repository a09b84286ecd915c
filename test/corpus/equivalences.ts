// Known, justified differences between a documentation example and the SDK's rendering of it: in the example's text,
// `docs` (white space aside) is read as `sdk` before both are normalised and compared. Each says why the two mean the
// same to the engine. An equivalence whose `docs` text no longer occurs fails the corpus test.

export interface Equivalence {
  readonly docs: string;
  readonly sdk: string;
  readonly reason: string;
}

export const EQUIVALENCES: Readonly<Record<string, readonly Equivalence[]>> = {
  'stage-054': [
    {
      docs: "CREATE STAGE mylog 's3://databend-doc/logs/'",
      sdk: "CREATE STAGE mylog URL = 's3://databend-doc/logs/'",
      reason: 'the engine takes a stage URL with or without `URL =` (the original runs); the SDK always writes `URL =`',
    },
  ],
};
