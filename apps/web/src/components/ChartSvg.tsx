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
