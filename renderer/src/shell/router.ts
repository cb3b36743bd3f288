import { useEffect, useState } from 'react';

/** Hash routing (#/units, #/tasks/ID) so a reload stays on the same screen; no router dependency needed. */
export function currentPath(): string {
  return window.location.hash.replace(/^#\/?/, '') || '';
}

export function navigate(path: string): void {
  window.location.hash = `/${path}`;
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const on = () => setPath(currentPath());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return path;
}
