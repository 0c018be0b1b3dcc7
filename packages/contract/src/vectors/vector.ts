/** One labelled example body of a schema. */
export interface Vector {
  label: string;
  value: unknown;
}

/** The examples a schema must accept (`pass`) and refuse (`fail`). */
export interface VectorSet {
  pass: Vector[];
  fail: Vector[];
}

/** `[label, value]` pairs as vectors. */
export const vectors = (...pairs: Array<[label: string, value: unknown]>): Vector[] =>
  pairs.map(([label, value]) => ({ label, value }));
