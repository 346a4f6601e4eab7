/**
 * Nodes of a cluster commit concurrently: two may store the same retried send (the dedup unique
 * index refuses the second), or lock two conversations in opposite orders (a deadlock the database
 * breaks). Both roll back cleanly, so the whole transaction is simply run again; on the next try
 * the stored copy is found and its ack returned.
 */
const RETRYABLE = new Set([
  '23505', // PostgreSQL unique_violation
  '40P01', // deadlock_detected
  '40001', // serialization_failure
]);

const isConflict = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && RETRYABLE.has(String((e as { code?: unknown }).code));

export async function retryConflicts<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      if (i >= attempts || !isConflict(e)) throw e;
    }
  }
}
