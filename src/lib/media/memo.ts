/**
 * Makes each keyed value once: the first caller starts the work, later callers share its promise
 * (also while it is still running), so concurrent pages never make the same file twice.
 */
export function memo<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let promise = cache.get(key);
  if (!promise) {
    promise = make();
    cache.set(key, promise);
  }
  return promise;
}
