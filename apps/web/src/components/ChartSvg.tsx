import { type ReactNode, useId } from 'react';

/**
 * A chart's SVG drawn at its measured size, announced as one image: named by its title,
 * described by its text summary (the figures a sighted reader gets from the bars).
 */
export function ChartSvg({
  width,
  height,
  title,
  description,
  testId,
  children,
}: {
  width: number;
  height: number;
  title: string;
  description: string;
  testId?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      data-testid={testId}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

/** The smallest of 1, 2, 5, 10, 20, 50… at or above `n`: the top of a chart's value axis. */
export function niceCeil(n: number): number {
  if (n <= 1) return 1;
  const step = 10 ** Math.floor(Math.log10(n));
  return ([1, 2, 5, 10].map((k) => k * step).find((v) => v >= n) ?? 10 * step) as number;
}
