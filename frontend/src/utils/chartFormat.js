/**
 * How the charts write their axes and tooltips: category labels cut to fit (the whole name
 * stays in the tooltip and in the chart's description), money in CURRENCY without decimals on
 * an axis ("₹1,200"), days as "4 Dec". The exact amounts stay in `formatMoney` (utils/format.js).
 */

export const LABEL_LENGTH = 18;

/** "Brigade Road Multi-level Parking" -> "Brigade Road Multi…" (at most `max` characters + "…"). */
export function truncateLabel(label, max = LABEL_LENGTH) {
  const text = String(label ?? '');
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max).join('').trimEnd()}…`;
}

const moneyTicks = new Map();
/** 1200 -> "₹1,200", 100000 -> "₹1,00,000", 12.5 -> "₹12.5": an axis tick in `currency`. */
export function formatMoneyTick(value, currency = 'INR') {
  if (!moneyTicks.has(currency)) {
    moneyTicks.set(
      currency,
      new Intl.NumberFormat('en-IN', {
        style: 'currency',
        currency,
        minimumFractionDigits: 0,
        maximumFractionDigits: 2,
      }),
    );
  }
  return moneyTicks.get(currency).format(Number(value));
}

const days = new Map();
function dayFormat(options) {
  const key = JSON.stringify(options);
  if (!days.has(key))
    days.set(key, new Intl.DateTimeFormat('en-IN', { timeZone: 'UTC', ...options }));
  return days.get(key);
}

/** "2026-12-04" -> "4 Dec" (a calendar day as the server counts it, so no zone shift). */
export function formatDayTick(isoDate) {
  const [year, month, day] = String(isoDate).split('-').map(Number);
  return dayFormat({ day: 'numeric', month: 'short' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** "2026-12-04" -> "4 Dec 2026": the day in a tooltip or a description. */
export function formatDay(isoDate) {
  const [year, month, day] = String(isoDate).split('-').map(Number);
  return dayFormat({ day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/**
 * Chart.js options for a chart whose category axis (`x`, or `y` for horizontal bars) holds
 * names: ticks cut to LABEL_LENGTH, the whole name as the tooltip's title.
 * @param {'x'|'y'} axis
 */
export function namedCategoryAxis(axis = 'x') {
  return {
    scales: {
      [axis]: {
        ticks: {
          autoSkip: true,
          ...(axis === 'x' ? { maxRotation: 45, minRotation: 0 } : {}),
          callback(value) {
            return truncateLabel(this.getLabelForValue(value));
          },
        },
      },
    },
    plugins: {
      tooltip: { callbacks: { title: (items) => items[0]?.label ?? '' } },
    },
  };
}

/**
 * Chart.js options for a money value axis (`y`, or `x` for horizontal bars): ticks "₹1,200",
 * the tooltip's line the exact amount `exact(item)` returns (e.g. "Revenue: ₹1,200.00").
 * @param {string} currency
 * @param {'x'|'y'} axis
 * @param {(item: object) => string} [exact]
 */
export function moneyValueAxis(currency, axis = 'y', exact) {
  return {
    scales: {
      [axis]: {
        beginAtZero: true,
        ticks: { callback: (value) => formatMoneyTick(value, currency) },
      },
    },
    plugins: {
      tooltip: {
        callbacks: {
          label: (item) =>
            exact
              ? exact(item)
              : `${item.dataset.label}: ${formatMoneyTick(item.parsed[axis], currency)}`,
        },
      },
    },
  };
}

/** Chart.js options merged one level into the next (scales by axis, plugins by plugin). */
export function mergeOptions(...parts) {
  const merged = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part ?? {})) {
      if (key === 'scales' || key === 'plugins') {
        merged[key] ??= {};
        for (const [name, inner] of Object.entries(value)) {
          const before = merged[key][name] ?? {};
          merged[key][name] = {
            ...before,
            ...inner,
            ...(before.ticks || inner.ticks ? { ticks: { ...before.ticks, ...inner.ticks } } : {}),
            ...(before.callbacks || inner.callbacks
              ? { callbacks: { ...before.callbacks, ...inner.callbacks } }
              : {}),
          };
        }
      } else {
        merged[key] = value;
      }
    }
  }
  return merged;
}
