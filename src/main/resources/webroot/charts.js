// Small SVG charts for the leader view: strings of SVG from plain data, no dependencies, no build step.
// Every chart has a <title>/aria-label and draws nothing it cannot label (no data → a sentence, not an empty frame).

export const TEAM_COLORS = ['#5b3df5', '#0e9384', '#dc6803', '#c11574', '#1570ef', '#667085'];
export const BAND_COLORS = ['#d92d20', '#f79009', '#98a2b3', '#32d583', '#067647'];
export const BAND_LABELS = ['0–19', '20–39', '40–59', '60–79', '80–100'];

export function esc(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

const fmt = (v, digits = 0) => (v == null || Number.isNaN(v) ? '–' : Number(v).toFixed(digits));

/** "30 Nov" for a week bucket, "Nov 2026" for a month bucket. */
export function bucketLabel(iso, bucket) {
  const d = new Date(iso);
  return bucket === 'month'
    ? d.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })
    : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** Label every n-th bucket, counted back from the latest, so labels never collide (about 70 px each). */
function labelStep(count, width) {
  return Math.max(1, Math.ceil(count / Math.max(2, Math.floor(width / 70))));
}

function frame(width, height, label, body) {
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>${body}</svg>`;
}

/**
 * Lines over buckets: `lines` = [{ name, color, values: [number|null per bucket] }]; gaps where a value is null,
 * a dot on every value so a single bucket still shows.
 */
export function lineChart({ buckets, bucket, lines, label, yMin = 0, yMax = 100, width = 640, height = 220, ySuffix = '' }) {
  if (!buckets.length) return '<p class="empty">No calls in this range yet.</p>';
  const left = 36, right = 28, top = 12, bottom = 28;
  const step = buckets.length > 1 ? (width - left - right) / (buckets.length - 1) : 0;
  const x = (i) => (buckets.length > 1 ? left + i * step : (left + width - right) / 2);
  const y = (v) => top + (1 - (v - yMin) / (yMax - yMin)) * (height - top - bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => yMin + f * (yMax - yMin));
  const grid = ticks.map((t) => `<line class="grid" x1="${left}" x2="${width - right}" y1="${y(t)}" y2="${y(t)}"/>
    <text class="axis" x="${left - 6}" y="${y(t) + 4}" text-anchor="end">${fmt(t)}${ySuffix}</text>`).join('');
  const every = labelStep(buckets.length, width);
  const xLabels = buckets.map((b, i) => ((buckets.length - 1 - i) % every === 0
    ? `<text class="axis" x="${x(i)}" y="${height - 8}" text-anchor="middle">${esc(bucketLabel(b, bucket))}</text>` : '')).join('');
  const drawn = lines.map((line) => {
    const segments = [];
    let current = [];
    line.values.forEach((v, i) => {
      if (v == null) {
        if (current.length) segments.push(current);
        current = [];
      } else {
        current.push(`${x(i)},${y(v)}`);
      }
    });
    if (current.length) segments.push(current);
    const paths = segments.filter((s) => s.length > 1)
      .map((s) => `<polyline fill="none" stroke="${line.color}" stroke-width="2.5" stroke-linejoin="round" points="${s.join(' ')}"/>`).join('');
    const dots = line.values.map((v, i) => (v == null ? '' : `<circle class="dot" cx="${x(i)}" cy="${y(v)}" r="3.5" fill="${line.color}">
      <title>${esc(line.name)} · ${esc(bucketLabel(buckets[i], bucket))}: ${fmt(v, 1)}${ySuffix}</title></circle>`)).join('');
    return `<g class="series" data-name="${esc(line.name)}">${paths}${dots}</g>`;
  }).join('');
  return frame(width, height, label, grid + xLabels + drawn);
}

/** Stacked bars over buckets: `counts` = [[n per band] per bucket], coloured by score band, as shares of 100 %. */
export function distributionBars({ buckets, bucket, counts, label, width = 640, height = 150 }) {
  if (!buckets.length) return '<p class="empty">No calls in this range yet.</p>';
  const left = 36, right = 12, top = 8, bottom = 26;
  const slot = (width - left - right) / buckets.length;
  const barWidth = Math.min(44, slot * 0.7);
  const inner = height - top - bottom;
  const every = labelStep(buckets.length, width);
  const bars = counts.map((bands, i) => {
    const total = bands.reduce((a, b) => a + b, 0);
    const cx = left + slot * i + slot / 2;
    const xLabel = (buckets.length - 1 - i) % every === 0
      ? `<text class="axis" x="${cx}" y="${height - 8}" text-anchor="middle">${esc(bucketLabel(buckets[i], bucket))}</text>` : '';
    if (!total) return `${xLabel}<line class="grid" x1="${cx - barWidth / 2}" x2="${cx + barWidth / 2}" y1="${top + inner}" y2="${top + inner}"/>`;
    let acc = 0;
    const rects = bands.map((n, b) => {
      if (!n) return '';
      const h = (n / total) * inner;
      const yTop = top + inner - acc - h;
      acc += h;
      return `<rect x="${cx - barWidth / 2}" y="${yTop}" width="${barWidth}" height="${h}" fill="${BAND_COLORS[b]}">
        <title>${esc(bucketLabel(buckets[i], bucket))}: ${n} of ${total} calls scored ${BAND_LABELS[b]}</title></rect>`;
    }).join('');
    return `<g class="bar">${rects}</g>${xLabel}`;
  }).join('');
  const axis = [0, 50, 100].map((p) => `<text class="axis" x="${left - 6}" y="${top + inner * (1 - p / 100) + 4}" text-anchor="end">${p}%</text>`).join('');
  return frame(width, height, label, axis + bars);
}

export function bandLegend() {
  return `<div class="legend">${BAND_LABELS.map((l, i) => `<span><i style="background:${BAND_COLORS[i]}"></i>${l}</span>`).join('')}</div>`;
}

export function lineLegend(lines) {
  return `<div class="legend">${lines.map((l) => `<span><i style="background:${l.color}"></i>${esc(l.name)}</span>`).join('')}</div>`;
}

/**
 * callScore against CSAT, banded: one column per score band, one bubble per CSAT value (area ∝ calls), and the
 * band's mean CSAT as a line. Bands suit a survey scale of five values better than a cloud of overlapping dots.
 */
export function calibrationChart({ bands, label, width = 520, height = 260 }) {
  const n = bands.reduce((a, b) => a + b.n, 0);
  if (!n) return '<p class="empty">No surveys yet: post outcomes (CSAT) for ended calls, e.g. <code>simulate --outcomes</code>.</p>';
  const left = 44, right = 12, top = 14, bottom = 40;
  const slot = (width - left - right) / bands.length;
  const y = (csat) => top + (1 - (csat - 1) / 4) * (height - top - bottom);
  const max = Math.max(...bands.flatMap((b) => b.csatCounts || [0]), 1);
  const radius = (count) => (count ? 3 + 15 * Math.sqrt(count / max) : 0);
  const grid = [1, 2, 3, 4, 5].map((c) => `<line class="grid" x1="${left}" x2="${width - right}" y1="${y(c)}" y2="${y(c)}"/>
    <text class="axis" x="${left - 8}" y="${y(c) + 4}" text-anchor="end">${c}</text>`).join('');
  const columns = bands.map((b, i) => {
    const cx = left + slot * i + slot / 2;
    const bubbles = (b.csatCounts || []).map((count, k) => (count ? `<circle class="bubble" cx="${cx}" cy="${y(k + 1)}" r="${radius(count)}" fill="${BAND_COLORS[i]}" fill-opacity=".55" stroke="${BAND_COLORS[i]}">
      <title>score ${b.low}–${b.high}, CSAT ${k + 1}: ${count} call${count === 1 ? '' : 's'}</title></circle>` : '')).join('');
    return `${bubbles}<text class="axis" x="${cx}" y="${height - 22}" text-anchor="middle">${b.low}–${b.high}</text>
      <text class="axis muted" x="${cx}" y="${height - 8}" text-anchor="middle">n ${b.n}</text>`;
  }).join('');
  const means = bands.map((b, i) => (b.meanCsat == null ? null : [left + slot * i + slot / 2, y(b.meanCsat), b])).filter(Boolean);
  const meanLine = means.length > 1 ? `<polyline class="mean" fill="none" stroke="#1b2430" stroke-width="2" stroke-dasharray="5 4" points="${means.map((m) => `${m[0]},${m[1]}`).join(' ')}"/>` : '';
  const meanDots = means.map((m) => `<rect x="${m[0] - 4}" y="${m[1] - 4}" width="8" height="8" fill="#1b2430"><title>score ${m[2].low}–${m[2].high}: mean CSAT ${fmt(m[2].meanCsat, 2)} (n ${m[2].n})</title></rect>`).join('');
  const axes = `<text class="axis" x="${12}" y="${top + (height - top - bottom) / 2}" transform="rotate(-90 12 ${top + (height - top - bottom) / 2})" text-anchor="middle">CSAT</text>`;
  return frame(width, height, label, grid + axes + columns + meanLine + meanDots);
}

/** A 5-band distribution as one thin stacked bar, for table cells. */
export function miniDistribution(counts, width = 110, height = 12) {
  const total = (counts || []).reduce((a, b) => a + b, 0);
  if (!total) return '<span class="muted">–</span>';
  let x = 0;
  const rects = counts.map((n, b) => {
    const w = (n / total) * width;
    const r = n ? `<rect x="${x}" y="0" width="${w}" height="${height}" fill="${BAND_COLORS[b]}"><title>${n} scored ${BAND_LABELS[b]}</title></rect>` : '';
    x += w;
    return r;
  }).join('');
  return `<svg class="mini" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="score distribution">${rects}</svg>`;
}

/** Weekly means as a sparkline, for table cells. */
export function sparkline(values, width = 96, height = 24, color = '#5b3df5') {
  const points = values.map((v, i) => [i, v]).filter(([, v]) => v != null);
  if (!points.length) return '<span class="muted">–</span>';
  const lo = Math.min(40, ...points.map(([, v]) => v)), hi = Math.max(70, ...points.map(([, v]) => v));
  const x = (i) => (values.length > 1 ? 3 + (i / (values.length - 1)) * (width - 6) : width / 2);
  const y = (v) => height - 3 - ((v - lo) / (hi - lo)) * (height - 6);
  const line = points.length > 1 ? `<polyline fill="none" stroke="${color}" stroke-width="1.8" points="${points.map(([i, v]) => `${x(i)},${y(v)}`).join(' ')}"/>` : '';
  const [li, lv] = points[points.length - 1];
  return `<svg class="mini" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="mean score by period">${line}<circle cx="${x(li)}" cy="${y(lv)}" r="2.5" fill="${color}"/></svg>`;
}

export { fmt };
