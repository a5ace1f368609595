// A horizontal bar chart in SVG. The figure is described by its caption and the
// numbers are written beside each bar, so nothing depends on seeing the bars.
export interface Bar {
  label: string;
  value: number;
  text: string;
}

const ROW = 28;
const LABEL_WIDTH = 180;
const WIDTH = 640;

export function BarChart({ title, bars }: { title: string; bars: readonly Bar[] }) {
  const max = Math.max(1e-9, ...bars.map((bar) => bar.value));
  const plot = WIDTH - LABEL_WIDTH - 90;
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${Math.max(ROW, bars.length * ROW)}`} role="img" aria-label={title} width="100%">
        {bars.map((bar, index) => {
          const y = index * ROW;
          const width = Math.max(2, (bar.value / max) * plot);
          return (
            <g key={`${bar.label}-${index}`}>
              <text x={LABEL_WIDTH - 8} y={y + ROW / 2 + 5} textAnchor="end" className="bar-label">
                {bar.label.length > 26 ? `${bar.label.slice(0, 25)}…` : bar.label}
              </text>
              <rect x={LABEL_WIDTH} y={y + 5} width={width} height={ROW - 10} rx={3} className="bar" />
              <text x={LABEL_WIDTH + width + 6} y={y + ROW / 2 + 5} className="bar-value">
                {bar.text}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
