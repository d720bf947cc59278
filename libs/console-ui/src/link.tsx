import type { ComponentChildren } from 'preact';
import { navigate, useLocation } from './router.ts';

/** An ordinary link (open in a new tab works) that navigates in place on a plain click. */
export function Link({ href, children, nav = false }: { href: string; children: ComponentChildren; nav?: boolean }) {
  const { path } = useLocation();
  const current = nav && path === href.split('?')[0];
  return (
    <a
      href={href}
      aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
