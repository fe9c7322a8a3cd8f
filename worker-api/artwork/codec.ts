// Pictures in and out, with the Squoosh codecs (@jsquash: mozjpeg, libpng via Rust's png,
// libwebp) compiled to WebAssembly. workerd compiles no WebAssembly at run time, so each
// module is imported precompiled and handed to its codec once per isolate.
import decodeJpegWith, { init as initJpegDecoder } from '@jsquash/jpeg/decode.js';
import encodeJpegWith, { init as initJpegEncoder } from '@jsquash/jpeg/encode.js';
import jpegDecoder from '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm';
import jpegEncoder from '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm';
import decodePngWith, { init as initPngDecoder } from '@jsquash/png/decode.js';
// @ts-expect-error: the package's .d.ts types this file as an instance's exports; Workers import it as a compiled module
import pngDecoder from '@jsquash/png/codec/pkg/squoosh_png_bg.wasm';
import decodeWebpWith, { init as initWebpDecoder } from '@jsquash/webp/decode.js';
import webpDecoder from '@jsquash/webp/codec/dec/webp_dec.wasm';
import type { ArtworkUploadType } from '../../common/artwork';

export interface Pixels {
  /** RGBA, 4 bytes a pixel, rows top to bottom. */
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

let ready: Promise<unknown> | null = null;

function init(): Promise<unknown> {
  ready ??= Promise.all([initJpegDecoder(jpegDecoder), initJpegEncoder(jpegEncoder), initPngDecoder(pngDecoder), initWebpDecoder(webpDecoder)]);
  return ready;
}

/** The picture's pixels; throws when the codec cannot read it. */
export async function decode(bytes: Uint8Array, type: ArtworkUploadType): Promise<Pixels> {
  await init();
  const buffer = bytes.slice().buffer;
  if (type === 'image/jpeg') return decodeJpegWith(buffer);
  if (type === 'image/png') return decodePngWith(buffer);
  return decodeWebpWith(buffer);
}

/** Baseline-compatible progressive JPEG (mozjpeg), 4:2:0. */
export async function encodeJpeg(p: Pixels, quality: number): Promise<Uint8Array> {
  await init();
  return new Uint8Array(await encodeJpegWith({ data: p.data, width: p.width, height: p.height, colorSpace: 'srgb' } as Parameters<typeof encodeJpegWith>[0], { quality }));
}
