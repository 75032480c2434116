import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';

/** Every page lives under /console; the gateway answers any /console/* path with the app. */
export const BASE = '/console';

const listeners = new Set<() => void>();

export function navigate(path: string): void {
  window.history.pushState(null, '', `${BASE}${path}`);
  listeners.forEach((listener) => listener());
}

function currentPath(): string {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : '/';
  return path === '' ? '/' : path;
}

/** The path below /console, updated on navigate() and on the browser's back and forward. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = (): void => setPath(currentPath());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

/** A real link (keyboard, middle-click, "copy link") that navigates without reloading. */
export function Link(props: { to: string; children: ReactNode; className?: string; current?: boolean }): JSX.Element {
  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(props.to);
  };
  return (
    <a href={`${BASE}${props.to}`} onClick={onClick} className={props.className} aria-current={props.current ? 'page' : undefined}>
      {props.children}
    </a>
  );
}
