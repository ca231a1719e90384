// Reads PNG files back in tests: chunks, IHDR, and the pixels (8-bit greyscale, RGB or RGBA,
// non-interlaced, all five scanline filters), with node:zlib only. Enough for our own charts and
// for Chromium's screenshots.
import { inflateSync } from 'node:zlib';
import { crc32 } from '#adapters/digest/png';

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface PngChunk {
  type: string;
  data: Uint8Array;
  crcOk: boolean;
}

export interface DecodedPng {
  width: number;
  height: number;
  colorType: number;
  bitDepth: number;
  /** Always RGBA, 4 bytes per pixel. */
  rgba: Uint8Array;
  chunks: PngChunk[];
}

export function hasPngSignature(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

export function readChunks(bytes: Uint8Array): PngChunk[] {
  if (!hasPngSignature(bytes)) throw new Error('not a PNG: bad signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = view.getUint32(offset + 8 + length);
    chunks.push({ type, data, crcOk: crc32(bytes.subarray(offset + 4, offset + 8 + length)) === crc });
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  return chunks;
}

/** Width and height from the IHDR chunk, without decoding the pixels. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const ihdr = readChunks(bytes)[0];
  if (ihdr?.type !== 'IHDR') throw new Error('PNG does not start with IHDR');
  const view = new DataView(ihdr.data.buffer, ihdr.data.byteOffset, ihdr.data.byteLength);
  return { width: view.getUint32(0), height: view.getUint32(4) };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

export function decodePng(bytes: Uint8Array): DecodedPng {
  const chunks = readChunks(bytes);
  const { width, height } = pngSize(bytes);
  const ihdr = chunks[0]!.data;
  const bitDepth = ihdr[8]!;
  const colorType = ihdr[9]!;
  const interlace = ihdr[12]!;
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType as 0 | 2 | 4 | 6];
  if (bitDepth !== 8 || !channels || interlace !== 0) {
    throw new Error(`unsupported PNG: bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`);
  }
  const idat = Buffer.concat(chunks.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data));
  const raw = inflateSync(idat);
  const stride = width * channels;
  if (raw.length !== (stride + 1) * height)
    throw new Error(`IDAT holds ${raw.length} bytes, expected ${(stride + 1) * height}`);

  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const value = line[x]!;
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predicted === undefined) throw new Error(`unknown PNG filter ${filter} on row ${y}`);
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }

  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const source = pixels.subarray(i * channels, (i + 1) * channels);
    const [r, g, b, alpha] =
      channels === 1
        ? [source[0]!, source[0]!, source[0]!, 255]
        : channels === 2
          ? [source[0]!, source[0]!, source[0]!, source[1]!]
          : channels === 3
            ? [source[0]!, source[1]!, source[2]!, 255]
            : [source[0]!, source[1]!, source[2]!, source[3]!];
    rgba.set([r, g, b, alpha], i * 4);
  }
  return { width, height, colorType, bitDepth, rgba, chunks };
}

/** Standard deviation of the pixels' luminance: near 0 for a blank image. */
export function luminanceSpread(image: DecodedPng): number {
  let sum = 0;
  let squares = 0;
  const count = image.width * image.height;
  for (let i = 0; i < count; i++) {
    const luminance = 0.2126 * image.rgba[i * 4]! + 0.7152 * image.rgba[i * 4 + 1]! + 0.0722 * image.rgba[i * 4 + 2]!;
    sum += luminance;
    squares += luminance * luminance;
  }
  const mean = sum / count;
  return Math.sqrt(Math.max(0, squares / count - mean * mean));
}
