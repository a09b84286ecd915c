/**
 * Statement data is frozen, and what every statement over one declared table has in common (its column
 * definitions, its cast projections) is derived once, deep-frozen and shared. `share()` marks such a value so that
 * the renderer may memoise its text: a shared value can never change.
 */

export function deepFreeze<T>(value: T): T {
  // A typed array with elements cannot be frozen (a TypeError): a BINARY DEFAULT's bytes are the declaration's own copy.
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    // An index loop for arrays (for...in would enumerate their indices as strings); for...in over a plain object's
    // own keys, without the intermediate array of Object.values.
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    else for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * The mark of a shared value is a private field of SharedMark, which no code outside this module can give an object
 * or read. A base constructor that returns its argument makes that object the `this` whose fields a subclass
 * defines, so any object can carry the field. A WeakSet entry, the mark until 2026-12-05, cost about 350 ns
 * (with the collector's work on weak tables), five of them a declared table.
 */
class ReturnsItsArgument {
  constructor(value: object) {
    // biome-ignore lint/correctness/noConstructorReturn: the return override is how SharedMark stamps its field on `value`
    return value as ReturnsItsArgument;
  }
}

class SharedMark extends ReturnsItsArgument {
  readonly #shared = true;

  static stamp(value: object): void {
    new SharedMark(value);
  }

  static has(value: object): boolean {
    return #shared in value;
  }
}

/**
 * A value already frozen when it is shared takes no new field (engines are to refuse adding private fields to
 * non-extensible objects), so it is kept here instead.
 */
const sharedFrozen = new WeakSet<object>();

/** Deep-freezes `value` and marks it as shared, immutable statement data. */
export function share<T extends object>(value: T): T {
  if (SharedMark.has(value)) return value;
  if (Object.isExtensible(value)) SharedMark.stamp(value);
  else sharedFrozen.add(value);
  deepFreeze(value);
  return value;
}

export function isShared(value: object): boolean {
  return typeof value === 'object' && value !== null && (SharedMark.has(value) || sharedFrozen.has(value));
}

/** Memoises `derive(key)` per key object, for keys that are frozen (a declared table, a shared node). */
export function memoize<K extends object, V>(derive: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = derive(key);
      cache.set(key, value);
    }
    return value;
  };
}
