"use client";
// A repository's stored size over time, drawn with uPlot (canvas, ~50 KB, no dependencies). It follows the page's
// width and the theme; the figures are also in a table for screen readers.
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatBytes, formatDateTime } from "@/lib/format";

export type SizeSample = { takenAt: number; totalSize: number; totalUncompressedSize: number };

const HEIGHT = 220;

function themeColors() {
  const dark = document.documentElement.classList.contains("dark");
  return {
    axis: dark ? "#a1a1aa" : "#52525b",
    grid: dark ? "rgba(255,255,255,0.08)" : "rgba(0,0,0,0.08)",
    stored: dark ? "#818cf8" : "#4f46e5",
    raw: dark ? "#52525b" : "#a1a1aa",
  };
}

function options(width: number): uPlot.Options {
  const colors = themeColors();
  const axis = { stroke: colors.axis, grid: { stroke: colors.grid }, ticks: { stroke: colors.grid } };
  return {
    width,
    height: HEIGHT,
    // Series names only: the values are in the caption and the table, not in a legend that changes on hover.
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
    // From zero: a size chart starting at the smallest value would make a small change look like a big one.
    scales: { x: { time: true }, y: { range: (_chart, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    axes: [axis, { ...axis, size: 84, values: (_chart, ticks) => ticks.map((tick) => formatBytes(tick)) }],
    series: [
      { value: (_chart, value) => (value == null ? "" : formatDateTime(value * 1000)) },
      {
        label: "Stored",
        stroke: colors.stored,
        fill: `${colors.stored}22`,
        width: 2,
        value: (_c, v) => (v == null ? "" : formatBytes(v)),
      },
      {
        label: "Uncompressed",
        stroke: colors.raw,
        width: 1,
        dash: [4, 4],
        value: (_c, v) => (v == null ? "" : formatBytes(v)),
      },
    ],
  };
}

export default function SizeChart({ samples }: { samples: SizeSample[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const data: uPlot.AlignedData = [
      samples.map((sample) => sample.takenAt / 1000),
      samples.map((sample) => sample.totalSize),
      samples.map((sample) => sample.totalUncompressedSize),
    ];
    let chart = new uPlot(options(element.clientWidth), data, element);
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    // Colours are baked into the canvas: a theme switch draws the chart again.
    const theme = new MutationObserver(() => {
      chart.destroy();
      chart = new uPlot(options(element.clientWidth), data, element);
    });
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => {
      resize.disconnect();
      theme.disconnect();
      chart.destroy();
    };
  }, [samples]);
  const last = samples.at(-1);
  return (
    <figure className="flex flex-col gap-2">
      <div ref={box} aria-hidden="true" className="w-full min-w-0 text-xs" data-testid="size-chart" />
      <figcaption className="text-sm text-zinc-600 dark:text-zinc-400">
        Size over time: {samples.length} samples{last ? `, now ${formatBytes(last.totalSize)}` : ""}.
      </figcaption>
      {/* A table ignores the 1px box of sr-only, so the wrapper hides it (else it widens the page). */}
      <div className="sr-only">
        <table>
          <caption>Repository size over time</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Stored</th>
              <th scope="col">Uncompressed</th>
            </tr>
          </thead>
          <tbody>
            {samples.map((sample) => (
              <tr key={sample.takenAt}>
                <td>{formatDateTime(sample.takenAt)}</td>
                <td>{formatBytes(sample.totalSize)}</td>
                <td>{formatBytes(sample.totalUncompressedSize)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
