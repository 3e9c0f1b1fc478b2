/**
 * A value that survives `JSON.stringify` then `JSON.parse` unchanged: accumulator states and the
 * serialized operator state are made of these only, so a stream job can checkpoint them as text.
 *
 * @example
 * const state: JsonValue = { count: 3, values: [1, 2, 5] };
 */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };
