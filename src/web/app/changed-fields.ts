/**
 * What an edit form sends: the fields of `next` whose values differ from the record as loaded. Values compare by
 * content (JSON), so an untouched list or an equal amount string is not an edit.
 */
export function changedFields(before: object, next: Record<string, unknown>): Record<string, unknown> {
  const was = before as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(next).filter(([key, value]) => JSON.stringify(was[key]) !== JSON.stringify(value)),
  );
}
