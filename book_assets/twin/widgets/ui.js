// ui.js: what every live widget of the book's pages shares (book_assets/twin/widgets/*.js).
// Controls with a visible label that is also their accessible name (native <input type=range>
// and <select>, so the keyboard works: arrows, Page Up/Down, Home/End), a polite aria-live
// status line, and small SVG charts drawn in the text colour (readable in both themes).
// No computation of nnlib's lives here: the widgets take their numbers from ../nnlib.js.

let cssLoaded = false;
function loadCss() {
  if (cssLoaded) return;
  cssLoaded = true;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL("./widgets.css", import.meta.url).href;
  document.head.appendChild(link);
}

let counter = 0;
const uid = (stem) => `nl-${stem}-${++counter}`;
const SVG = "http://www.w3.org/2000/svg";

/** An HTML element with attributes and children. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") e.textContent = v; else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/** An SVG element with attributes. */
export function svgEl(tag, attrs = {}, text = null) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, v);
  if (text !== null) e.textContent = text;
  return e;
}

/** Colour-vision-safe colours (Okabe and Ito) for lines, points and bars. */
export const COLORS = { blue: "#0072B2", orange: "#D55E00", green: "#009E73", purple: "#CC79A7", yellow: "#E69F00", sky: "#56B4E9" };

/**
 * Prepare the widget's root element (the page's <div data-nnlib-widget=...>): clear the
 * notebook's placeholder text, add a heading-less frame and return helpers.
 */
export function mount(root, name) {
  loadCss();
  root.textContent = "";
  root.classList.add("nl");
  root.dataset.nnlibLive = name;
  const controls = el("div", { class: "nl-controls" });
  const figure = el("div", { class: "nl-figure" });
  const status = el("p", { class: "nl-status", role: "status", "aria-live": "polite" });
  root.append(controls, figure, status);
  return { controls, figure, status };
}

/** A labelled range slider: {field, input, value(), set(v)}; onInput(value) on every move. */
export function slider({ label, min, max, step, value, format = (v) => String(v), onInput, key }) {
  const id = uid(key || "s");
  const input = el("input", { type: "range", id, min, max, step, value, "data-key": key });
  const out = el("output", { for: id, class: "nl-readout", "aria-hidden": "true" });
  const show = () => {
    const v = Number(input.value);
    out.textContent = format(v);
    input.setAttribute("aria-valuetext", format(v));
  };
  input.addEventListener("input", () => { show(); onInput(Number(input.value)); });
  show();
  const field = el("div", { class: "nl-field" }, el("label", { for: id, text: label }), input, out);
  return { field, input, value: () => Number(input.value), set(v) { input.value = v; show(); } };
}

/** A labelled <select> over [value, text] options; onChange(value). */
export function select({ label, options, value, onChange, key }) {
  const id = uid(key || "c");
  const input = el("select", { id, "data-key": key });
  for (const [v, text] of options) input.append(el("option", { value: v, text, selected: String(v) === String(value) }));
  input.addEventListener("change", () => onChange(input.value));
  const field = el("div", { class: "nl-field" }, el("label", { for: id, text: label }), input);
  return { field, input, value: () => input.value };
}

/** A legend entry: a colour swatch (no text, so no contrast to meet) and its label in the text
 *  colour. */
export function key(color, text) {
  return el("span", { class: "nl-key" }, el("span", { class: "nl-swatch", style: `background:${color}`, "aria-hidden": "true" }), text);
}

/** Fixed decimals, with -0.000 shown as 0.000. */
export function fixed(x, d) {
  const t = x.toFixed(d);
  return /^-0\.?0*$/.test(t) ? t.slice(1) : t;
}

/** Text with the number's full value in data-value (what the tests compare with nnlib). */
export function num(x, d, tag = "span", attrs = {}) {
  return el(tag, { ...attrs, class: `nl-num ${attrs.class || ""}`.trim(), "data-value": String(x), text: Number.isFinite(x) ? fixed(x, d) : String(x) });
}

/**
 * A line chart in SVG: plot(box, {xlim, ylim, series: [{x, y, color, width, dash}], points:
 * [{x, y, color, r}], xlabel, ylabel, title, label}) returns the <svg>; the axes and text use
 * the current text colour.
 */
export function plot({ width = 340, height = 220, xlim, ylim, series = [], points = [], xlabel = "", ylabel = "", title = "", label = "", hlines = [], vlines = [] }) {
  const m = { l: 46, r: 10, t: title ? 24 : 10, b: 34 };
  const w = width - m.l - m.r, h = height - m.t - m.b;
  const X = (x) => m.l + ((x - xlim[0]) / (xlim[1] - xlim[0])) * w;
  const Y = (y) => m.t + (1 - (y - ylim[0]) / (ylim[1] - ylim[0])) * h;
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, class: "nl-plot", role: "img", "aria-label": label || title });
  const clipId = uid("clip");
  const defs = svgEl("defs");
  const clip = svgEl("clipPath", { id: clipId });
  clip.append(svgEl("rect", { x: m.l, y: m.t, width: w, height: h }));
  defs.append(clip);
  svg.append(defs);
  for (const t of ticks(xlim)) {
    svg.append(svgEl("line", { x1: X(t), x2: X(t), y1: m.t + h, y2: m.t + h + 4, class: "nl-axis" }));
    svg.append(svgEl("text", { x: X(t), y: m.t + h + 15, "text-anchor": "middle", class: "nl-tick" }, tickText(t)));
  }
  for (const t of ticks(ylim)) {
    svg.append(svgEl("line", { x1: m.l - 4, x2: m.l, y1: Y(t), y2: Y(t), class: "nl-axis" }));
    svg.append(svgEl("text", { x: m.l - 6, y: Y(t) + 4, "text-anchor": "end", class: "nl-tick" }, tickText(t)));
  }
  svg.append(svgEl("path", { d: `M${m.l},${m.t}V${m.t + h}H${m.l + w}`, class: "nl-axis", fill: "none" }));
  const g = svgEl("g", { "clip-path": `url(#${clipId})` });
  for (const y of hlines) g.append(svgEl("line", { x1: m.l, x2: m.l + w, y1: Y(y.y), y2: Y(y.y), class: "nl-guide", "stroke-dasharray": y.dash || null }));
  for (const x of vlines) g.append(svgEl("line", { x1: X(x.x), x2: X(x.x), y1: m.t, y2: m.t + h, class: "nl-guide", "stroke-dasharray": x.dash || null }));
  for (const s of series) {
    let d = "", pen = false;
    for (let i = 0; i < s.x.length; i++) {
      if (!Number.isFinite(s.x[i]) || !Number.isFinite(s.y[i])) { pen = false; continue; }
      const yy = Math.max(-1e4, Math.min(1e4, Y(s.y[i])));
      d += `${pen ? "L" : "M"}${X(s.x[i]).toFixed(2)},${yy.toFixed(2)}`;
      pen = true;
    }
    g.append(svgEl("path", { d, fill: "none", stroke: s.color || "currentColor", "stroke-width": s.width || 2, "stroke-dasharray": s.dash || null, opacity: s.opacity || null }));
  }
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    g.append(svgEl("circle", { cx: X(p.x), cy: Y(p.y), r: p.r || 4, fill: p.color || "currentColor", stroke: p.stroke || "none", "stroke-width": 0.8 }));
  }
  svg.append(g);
  if (xlabel) svg.append(svgEl("text", { x: m.l + w / 2, y: height - 4, "text-anchor": "middle", class: "nl-label" }, xlabel));
  if (ylabel) svg.append(svgEl("text", { x: 12, y: m.t + h / 2, "text-anchor": "middle", class: "nl-label", transform: `rotate(-90 12 ${m.t + h / 2})` }, ylabel));
  if (title) svg.append(svgEl("text", { x: m.l + w / 2, y: 15, "text-anchor": "middle", class: "nl-title" }, title));
  return svg;
}

function ticks([lo, hi]) {
  const span = hi - lo, raw = span / 5, p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * p).find((s) => s >= raw);
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * span; t += step) out.push(Math.abs(t) < 1e-12 * span ? 0 : t);
  return out;
}
const tickText = (t) => String(Number(t.toPrecision(6)));

/** Bars with their values written above them, in SVG; values in [0, vmax]. */
export function bars({ width = 200, height = 200, values, labels, vmax = 1, title = "", label = "", colors = [] }) {
  const m = { l: 30, r: 6, t: title ? 26 : 8, b: 24 };
  const w = width - m.l - m.r, h = height - m.t - m.b, n = values.length, bw = w / n;
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, class: "nl-plot", role: "img", "aria-label": label || title });
  svg.append(svgEl("path", { d: `M${m.l},${m.t}V${m.t + h}H${m.l + w}`, class: "nl-axis", fill: "none" }));
  for (const t of [0, 0.5, 1].map((k) => k * vmax)) {
    svg.append(svgEl("text", { x: m.l - 4, y: m.t + h - (t / vmax) * h + 4, "text-anchor": "end", class: "nl-tick" }, tickText(t)));
  }
  values.forEach((v, i) => {
    const bh = Math.max(0, Math.min(1, v / vmax)) * h;
    svg.append(svgEl("rect", { x: m.l + i * bw + bw * 0.15, y: m.t + h - bh, width: bw * 0.7, height: bh, fill: colors[i] || COLORS.blue }));
    svg.append(svgEl("text", { x: m.l + (i + 0.5) * bw, y: Math.max(m.t + h - bh - 4, m.t + 10), "text-anchor": "middle", class: "nl-tick" }, fixed(v, 3)));
    svg.append(svgEl("text", { x: m.l + (i + 0.5) * bw, y: m.t + h + 16, "text-anchor": "middle", class: "nl-label" }, labels[i]));
  });
  if (title) svg.append(svgEl("text", { x: m.l + w / 2, y: 15, "text-anchor": "middle", class: "nl-title" }, title));
  return svg;
}

/** RdBu_r-like diverging colour of v in [-vmax, vmax] (blue negative, red positive). */
export function diverging(v, vmax) {
  const t = Math.max(-1, Math.min(1, v / vmax));
  const lerp = (a, b, s) => Math.round(a + (b - a) * s);
  const white = [247, 247, 247], red = [178, 24, 43], blue = [33, 102, 172];
  const c = t >= 0 ? red : blue, s = Math.abs(t);
  return `rgb(${lerp(white[0], c[0], s)},${lerp(white[1], c[1], s)},${lerp(white[2], c[2], s)})`;
}

/** Start a widget on every element of the page that asks for it. */
export function start(name, make) {
  const go = () => {
    for (const root of document.querySelectorAll(`[data-nnlib-widget="${name}"]`)) {
      if (root.nnlibWidget) continue;
      try {
        performance.mark(`nnlib-live-start:${name}`);
        root.nnlibWidget = make(root);
        performance.mark(`nnlib-live:${name}`); // bench/page_widgets.py: when it became usable
      } catch (e) {
        root.textContent = `This live figure could not start: ${e.message}`;
        throw e;
      }
    }
  };
  // The page's <script type="module" async> comes right after its widget's element, so the
  // element is there when the module runs: start at once, while the rest of a long page is
  // still loading, and look again once the whole document is parsed.
  go();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
}

/** Redraw at most once per animation frame (a slider sends many input events per frame). */
export function perFrame(fn) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; fn(); });
  };
}
