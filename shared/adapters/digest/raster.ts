// A tiny software rasterizer for the digest's charts: an RGBA pixel buffer and anti-aliased
// rectangles (plain or with rounded corners), composited source-over. Integer arithmetic at the
// end of every blend keeps the output byte-for-byte the same on every machine.

export interface Raster {
  width: number;
  height: number;
  /** Straight (non-premultiplied) RGBA, rows top to bottom. */
  pixels: Uint8Array;
}

/** A colour as "#rrggbb" with an opacity 0..1. */
export interface Paint {
  hex: string;
  alpha: number;
}

export function createRaster(width: number, height: number): Raster {
  return { width, height, pixels: new Uint8Array(width * height * 4) };
}

function rgb(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new RangeError(`colour must be #rrggbb, got ${hex}`);
  return [parseInt(match[1] ?? '0', 16), parseInt(match[2] ?? '0', 16), parseInt(match[3] ?? '0', 16)];
}

/** Composites `color` at opacity `alpha` (0..1, coverage included) over the pixel at x, y. */
function blendPixel(raster: Raster, x: number, y: number, color: [number, number, number], alpha: number): void {
  if (alpha <= 0 || x < 0 || y < 0 || x >= raster.width || y >= raster.height) return;
  const i = (y * raster.width + x) * 4;
  const p = raster.pixels;
  const dstA = (p[i + 3] ?? 0) / 255;
  const outA = alpha + dstA * (1 - alpha);
  if (outA <= 0) return;
  for (let c = 0; c < 3; c++) {
    const src = color[c] ?? 0;
    const dst = p[i + c] ?? 0;
    p[i + c] = Math.round((src * alpha + dst * dstA * (1 - alpha)) / outA);
  }
  p[i + 3] = Math.round(outA * 255);
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Fills the rectangle [x0, x1) × [y0, y1) in pixel units; fractional edges are anti-aliased. */
export function fillRect(raster: Raster, x0: number, y0: number, x1: number, y1: number, paint: Paint): void {
  const left = Math.min(x0, x1);
  const right = Math.max(x0, x1);
  const top = Math.min(y0, y1);
  const bottom = Math.max(y0, y1);
  const color = rgb(paint.hex);
  for (let y = Math.max(0, Math.floor(top)); y < Math.min(raster.height, Math.ceil(bottom)); y++) {
    const coverY = overlap(y, y + 1, top, bottom);
    for (let x = Math.max(0, Math.floor(left)); x < Math.min(raster.width, Math.ceil(right)); x++) {
      blendPixel(raster, x, y, color, paint.alpha * coverY * overlap(x, x + 1, left, right));
    }
  }
}

const SUBSAMPLES = 4;

/**
 * Fills a rectangle whose corners on the `rounded` side(s) have radius `radius`, sampling each
 * pixel 4×4 times so the curves are smooth.
 */
export function fillRoundedRect(
  raster: Raster,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  radius: number,
  paint: Paint,
  rounded: { top: boolean; bottom: boolean } = { top: true, bottom: true },
): void {
  const left = Math.min(x0, x1);
  const right = Math.max(x0, x1);
  const top = Math.min(y0, y1);
  const bottom = Math.max(y0, y1);
  const r = Math.max(0, Math.min(radius, (right - left) / 2, (bottom - top) / 2));
  if (r === 0) {
    fillRect(raster, left, top, right, bottom, paint);
    return;
  }
  const color = rgb(paint.hex);
  const inside = (px: number, py: number): boolean => {
    if (px < left || px >= right || py < top || py >= bottom) return false;
    const cy = rounded.top && py < top + r ? top + r : rounded.bottom && py > bottom - r ? bottom - r : null;
    if (cy === null) return true;
    const cx = px < left + r ? left + r : px > right - r ? right - r : null;
    if (cx === null) return true;
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
  };
  const step = 1 / SUBSAMPLES;
  for (let y = Math.max(0, Math.floor(top)); y < Math.min(raster.height, Math.ceil(bottom)); y++) {
    for (let x = Math.max(0, Math.floor(left)); x < Math.min(raster.width, Math.ceil(right)); x++) {
      let hits = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          if (inside(x + (sx + 0.5) * step, y + (sy + 0.5) * step)) hits++;
        }
      }
      blendPixel(raster, x, y, color, (paint.alpha * hits) / (SUBSAMPLES * SUBSAMPLES));
    }
  }
}

/** A horizontal dashed line from x0 to x1 centred on y. */
export function dashedHLine(
  raster: Raster,
  x0: number,
  x1: number,
  y: number,
  thickness: number,
  dash: number,
  gap: number,
  paint: Paint,
): void {
  for (let x = x0; x < x1; x += dash + gap) {
    fillRect(raster, x, y - thickness / 2, Math.min(x + dash, x1), y + thickness / 2, paint);
  }
}
