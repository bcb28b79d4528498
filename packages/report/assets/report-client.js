// Draws the report's charts from the data embedded in the page, with d3 and Observable Plot
// (both inlined before this script as globals). Charts are SVG: printable and countable.
(() => {
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const kpis = new Map();
  for (const goal of data.goals) for (const kpi of [...goal.leading, ...goal.lagging]) kpis.set(kpi.id, kpi);
  for (const kpi of data.unaligned) kpis.set(kpi.id, kpi);

  const BAND_COLOR = { on_track: "#16a34a", at_risk: "#d97706", off_track: "#dc2626" };
  const BAND_LABEL = { on_track: "✔ on track", at_risk: "! at risk", off_track: "✖ off track" };
  const WIDTH = 560;

  function cssColor(name, fallback) {
    const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function utc(date) {
    return new Date(`${date}T00:00:00Z`);
  }

  function tickFormat(kpi) {
    switch (kpi.unit) {
      case "ratio":
        return d3.format(".3~%");
      case "percent":
        return (value) => `${d3.format(".3~")(value)}%`;
      case "currency":
        return (value) => `${d3.format("~s")(value)}${kpi.currency ? ` ${kpi.currency}` : ""}`;
      case "duration":
        // KPI durations are hours (spec 1.2).
        return (value) => `${d3.format("~")(value)}h`;
      default:
        return d3.format("~s");
    }
  }

  function unitLabel(kpi) {
    if (kpi.unit === "currency") return kpi.currency ?? "currency";
    if (kpi.unit === "duration") return "hours";
    return kpi.unit ?? null;
  }

  /** The y range shows the values, the target path, the benchmark and every threshold, with air. */
  function yDomain(kpi, points, path) {
    const values = [...points.map((p) => p.value), ...path.map((p) => p.value)];
    for (const band of kpi.bands) {
      if (band.from !== null) values.push(band.from);
      if (band.to !== null) values.push(band.to);
    }
    if (kpi.benchmark) values.push(kpi.benchmark.value);
    let [low, high] = d3.extent(values);
    if (low === undefined) return [0, 1];
    const pad = (high - low) * 0.1 || Math.abs(high) * 0.1 || 1;
    low -= pad;
    high += pad;
    if (values.every((value) => value >= 0)) low = Math.max(0, low);
    return [low, high];
  }

  function drawTrend(kpi) {
    const points = kpi.trend.points
      .filter((p) => p.value !== null)
      .map((p) => ({ date: utc(p.start), value: p.value, text: `${p.start}: ${p.valueText}` }));
    if (points.length === 0) return null;
    const path = kpi.targetPath.map((p) => ({ date: utc(p.date), value: p.value, label: p.label }));
    const current =
      kpi.expected !== null && kpi.period ? [{ date: utc(kpi.period.start), value: kpi.expected }] : [];
    const [x1, x2] = d3.extent([...points, ...path, ...current], (p) => p.date);
    const [y1, y2] = yDomain(kpi, [...points, ...current], path);
    const bands = kpi.bands.map((band) => ({
      status: band.status,
      y1: band.from ?? y1,
      y2: band.to ?? y2,
    }));
    const line = cssColor("--chart-line", "#1d4ed8");
    const target = cssColor("--chart-target", "#7c3aed");
    const marks = [
      Plot.rect(bands, {
        x1: () => x1,
        x2: () => x2,
        y1: "y1",
        y2: "y2",
        fill: (band) => BAND_COLOR[band.status],
        fillOpacity: 0.13,
        className: "status-bands",
      }),
      Plot.text(bands, {
        x: () => x2,
        y: (band) => (band.y1 + band.y2) / 2,
        text: (band) => BAND_LABEL[band.status],
        textAnchor: "end",
        dx: -4,
        fontSize: 10,
        fill: "currentColor",
        fillOpacity: 0.75,
        ariaHidden: true,
      }),
    ];
    if (kpi.benchmark) {
      marks.push(
        Plot.ruleY([kpi.benchmark.value], {
          stroke: "currentColor",
          strokeOpacity: 0.5,
          strokeDasharray: "2,3",
          className: "benchmark",
        }),
        Plot.text([kpi.benchmark.value], {
          x: () => x1,
          y: (value) => value,
          text: () => "benchmark",
          textAnchor: "start",
          dy: -6,
          fontSize: 10,
          fill: "currentColor",
          fillOpacity: 0.75,
        }),
      );
    }
    if (path.length > 0) {
      marks.push(
        Plot.line(path, {
          x: "date",
          y: "value",
          stroke: target,
          strokeDasharray: "6,4",
          className: "target-path",
        }),
        Plot.dot(path, {
          x: "date",
          y: "value",
          symbol: "diamond",
          r: 4,
          fill: target,
          className: "target-points",
        }),
        Plot.text(path, { x: "date", y: "value", text: "label", dy: -10, fontSize: 10, fill: target }),
      );
    }
    // What the target path expects at the end of the current value's period (spec 5.1), a ring
    // placed like that value's own point so the two read against each other.
    if (kpi.expected !== null && kpi.period) {
      const expected = [{ date: utc(kpi.period.start), value: kpi.expected, text: kpi.expectedText }];
      marks.push(
        Plot.dot(expected, {
          x: "date",
          y: "value",
          r: 6,
          stroke: target,
          strokeWidth: 2,
          fill: "none",
          title: "text",
          ariaLabel: "text",
          className: "expected-point",
        }),
      );
    }
    marks.push(
      Plot.line(points, { x: "date", y: "value", stroke: line, strokeWidth: 2, className: "trend-line" }),
      Plot.dot(points, {
        x: "date",
        y: "value",
        r: 3,
        fill: line,
        title: "text",
        ariaLabel: "text",
        className: "trend-points",
      }),
    );
    return Plot.plot({
      width: WIDTH,
      height: 240,
      marginLeft: 56,
      marginRight: 16,
      style: { background: "transparent", color: "inherit" },
      ariaLabel: `Trend of ${kpi.name}`,
      x: { type: "utc", domain: [x1, x2], label: null, ticks: 6 },
      y: { domain: [y1, y2], grid: true, label: unitLabel(kpi), tickFormat: tickFormat(kpi) },
      marks,
    });
  }

  function drawBreakdown(kpi, segment) {
    const breakdown = kpi.breakdowns.find((b) => b.segment === segment);
    const rows = (breakdown?.rows ?? []).filter((row) => row.value !== null);
    if (rows.length === 0) return null;
    const longest = d3.max(rows, (row) => row.key.length) ?? 4;
    return Plot.plot({
      width: WIDTH,
      height: 28 * rows.length + 40,
      marginLeft: Math.min(200, 12 + longest * 7),
      marginRight: 72,
      style: { background: "transparent", color: "inherit" },
      ariaLabel: `${kpi.name} by ${segment}`,
      x: { label: unitLabel(kpi), tickFormat: tickFormat(kpi), grid: true, nice: true },
      y: { label: null },
      marks: [
        Plot.barX(rows, {
          x: "value",
          y: "key",
          sort: { y: "-x" },
          fill: cssColor("--chart-line", "#1d4ed8"),
          title: (row) => `${row.key}: ${row.valueText}`,
          className: "breakdown-bars",
        }),
        Plot.text(rows, {
          x: "value",
          y: "key",
          text: "valueText",
          textAnchor: "start",
          dx: 4,
          fill: "currentColor",
        }),
        Plot.ruleX([0]),
      ],
    });
  }

  for (const figure of document.querySelectorAll("figure[data-chart]")) {
    const kpi = kpis.get(figure.dataset.kpi);
    if (!kpi) continue;
    try {
      const chart =
        figure.dataset.chart === "trend" ? drawTrend(kpi) : drawBreakdown(kpi, figure.dataset.segment);
      if (chart) figure.querySelector(".chart-body").append(chart);
    } catch (error) {
      console.error(`kpi report: could not draw the ${figure.dataset.chart} chart of ${kpi.id}`, error);
    }
  }
})();
