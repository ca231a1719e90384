import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from '#adapters/digest/png';
import { decodePng, hasPngSignature, pngSize, readChunks } from '#test/support/png-reader';

function gradient(width: number, height: number): Uint8Array {
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      pixels.set([(x * 37) & 0xff, (y * 53) & 0xff, (x * y) & 0xff, (x + y) % 2 ? 255 : 128], (y * width + x) * 4);
    }
  }
  return pixels;
}

describe('the PNG encoder', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes a PNG whose pixels inflate back to exactly what was drawn', () => {
    const pixels = gradient(17, 9);
    const png = encodePng(17, 9, pixels);
    expect(hasPngSignature(png)).toBe(true);
    const chunks = readChunks(png);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.every((chunk) => chunk.crcOk)).toBe(true);
    const decoded = decodePng(png);
    expect(decoded).toMatchObject({ width: 17, height: 9, bitDepth: 8, colorType: 6 });
    expect(Buffer.from(decoded.rgba).equals(Buffer.from(pixels))).toBe(true);
  });

  it('gives the same bytes for the same pixels', () => {
    expect(
      Buffer.from(encodePng(40, 20, gradient(40, 20))).equals(Buffer.from(encodePng(40, 20, gradient(40, 20)))),
    ).toBe(true);
  });

  it('records the size in IHDR', () => {
    expect(pngSize(encodePng(3, 5, new Uint8Array(3 * 5 * 4)))).toEqual({ width: 3, height: 5 });
  });

  it('refuses pixel buffers that do not match the size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/expected 16 bytes/);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(/positive integers/);
  });
});
