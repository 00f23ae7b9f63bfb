import { useEffect, useRef, useState } from 'react';
import classes from './ScrollAnimation.module.css';

/**
 * Reveals an element as it scrolls into view: spread `className` on it for the motion (pure CSS,
 * tied to the scroll position, skipped under `prefers-reduced-motion`), and read `isVisible`
 * (IntersectionObserver) to start anything else the first time it shows.
 */
export function useScrollAnimation<T extends HTMLElement = HTMLDivElement>() {
  const ref = useRef<T>(null);
  const [isVisible, setVisible] = useState(() => typeof IntersectionObserver === 'undefined');

  useEffect(() => {
    if (isVisible) return;
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setVisible(true);
          observer.disconnect();
        }
      },
      { threshold: 0.05 },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [isVisible]);

  return { ref, isVisible, className: classes.reveal };
}
