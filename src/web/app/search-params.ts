import { useSearchParams } from 'react-router';

/**
 * A list's filters live in the address, so a link or a reload shows the same rows. `set` takes a patch: a key
 * with a value is set, one without is removed, and any change but the page's goes back to page 1.
 */
export function useSearchParamsPatch(opts: { replace?: boolean } = {}) {
  const [params, setParams] = useSearchParams();
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: opts.replace ?? false });
  };
  return [params, set] as const;
}
