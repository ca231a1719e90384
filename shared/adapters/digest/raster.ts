// A tiny software rasterizer for the digest's charts: an RGBA pixel buffer and anti-aliased
// rectangles (plain or with rounded corners), discs and lines, composited source-over. Integer
// arithmetic at the end of every blend keeps the output byte-for-byte the same on every machine.

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

/** A shape `fillShapes` can fill: a box around it, and whether a point lies inside. */
interface Shape {
  left: number;
  top: number;
  right: number;
  bottom: number;
  inside: (x: number, y: number) => boolean;
}

/**
 * Fills the union of `shapes`, sampling each pixel 4×4 times so curves and slanted edges are
 * smooth. A pixel is painted once however many shapes cover it, so where the segments of a line
 * meet they are not darker (or, at an opacity below 1, more opaque) than along them.
 */
function fillShapes(raster: Raster, shapes: readonly Shape[], paint: Paint): void {
  const color = rgb(paint.hex);
  const step = 1 / SUBSAMPLES;
  // Which of a pixel's 16 samples some shape covers, one bit each.
  const samples = new Uint16Array(raster.width * raster.height);
  const touched: number[] = [];
  for (const shape of shapes) {
    for (let y = Math.max(0, Math.floor(shape.top)); y < Math.min(raster.height, Math.ceil(shape.bottom)); y++) {
      for (let x = Math.max(0, Math.floor(shape.left)); x < Math.min(raster.width, Math.ceil(shape.right)); x++) {
        const index = y * raster.width + x;
        let bits = samples[index] ?? 0;
        if (bits === 0) touched.push(index);
        for (let sy = 0; sy < SUBSAMPLES; sy++) {
          for (let sx = 0; sx < SUBSAMPLES; sx++) {
            const bit = 1 << (sy * SUBSAMPLES + sx);
            if (!(bits & bit) && shape.inside(x + (sx + 0.5) * step, y + (sy + 0.5) * step)) bits |= bit;
          }
        }
        samples[index] = bits;
      }
    }
  }
  for (const index of touched) {
    let hits = 0;
    for (let bits = samples[index] ?? 0; bits !== 0; bits &= bits - 1) hits++;
    const x = index % raster.width;
    blendPixel(raster, x, (index - x) / raster.width, color, (paint.alpha * hits) / (SUBSAMPLES * SUBSAMPLES));
  }
}

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
  const inside = (px: number, py: number): boolean => {
    if (px < left || px >= right || py < top || py >= bottom) return false;
    const cy = rounded.top && py < top + r ? top + r : rounded.bottom && py > bottom - r ? bottom - r : null;
    if (cy === null) return true;
    const cx = px < left + r ? left + r : px > right - r ? right - r : null;
    if (cx === null) return true;
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
  };
  fillShapes(raster, [{ left, top, right, bottom, inside }], paint);
}

/** A disc of radius `radius` centred on x, y. */
export function fillCircle(raster: Raster, x: number, y: number, radius: number, paint: Paint): void {
  const inside = (px: number, py: number) => (px - x) ** 2 + (py - y) ** 2 <= radius * radius;
  fillShapes(raster, [{ left: x - radius, top: y - radius, right: x + radius, bottom: y + radius, inside }], paint);
}

/**
 * A line `thickness` wide through `points` in turn, with round ends and joints, painted as one
 * shape. One point gives a dot as wide as the line.
 */
export function strokePolyline(
  raster: Raster,
  points: ReadonlyArray<readonly [x: number, y: number]>,
  thickness: number,
  paint: Paint,
): void {
  const r = thickness / 2;
  const segments =
    points.length === 1
      ? [[points[0], points[0]] as const]
      : points.slice(1).map((to, index) => [points[index], to] as const);
  const shapes: Shape[] = segments.flatMap(([from, to]) => {
    if (!from || !to) return [];
    const [ax, ay] = from;
    const [bx, by] = to;
    const dx = bx - ax;
    const dy = by - ay;
    const length2 = dx * dx + dy * dy;
    return [
      {
        left: Math.min(ax, bx) - r,
        top: Math.min(ay, by) - r,
        right: Math.max(ax, bx) + r,
        bottom: Math.max(ay, by) + r,
        // Within r of the segment: the distance to its nearest point.
        inside: (px: number, py: number) => {
          const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
          return (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2 <= r * r;
        },
      },
    ];
  });
  fillShapes(raster, shapes, paint);
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
